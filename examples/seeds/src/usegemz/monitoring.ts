// Guide sections "Index Strategy" and "Performance Monitoring → Query Performance".
import { indexUsage, slowestStatements, type IndexUsage, type OrgDb, type SlowestStatements } from '@org/queries';

/** The performance indexes the guide's "Index Strategy" lists (all are in @org's migrations). */
export const GUIDE_INDEXES = [
  'idx_user_profiles_trial_status',
  'idx_user_profiles_trial_dates',
  'idx_user_profiles_stripe_customer',
  'idx_user_profiles_is_admin',
  'idx_user_profiles_admin_details',
  'idx_scraping_jobs_status',
  'idx_scraping_jobs_platform',
  'idx_scraping_jobs_user_campaign',
  'idx_scraping_results_job_id',
  'idx_scraping_results_created_at',
] as const;

/**
 * Slow Query Identification: statements whose mean time exceeds `thresholdMs` (the guide: 1000 ms),
 * slowest first. The guide's raw `pg_stat_statements` query fails with 42P01 where the extension is
 * not installed (PGlite, most fresh servers); slowestStatements says why instead.
 *
 * @example
 * const slow = await slowQueries(db);
 * if (!slow.available) console.warn(slow.reason);
 */
export async function slowQueries(db: OrgDb, thresholdMs = 1000): Promise<SlowestStatements> {
  const result = await slowestStatements(db, { orderBy: 'mean', limit: 100 });
  if (!result.available) return result;
  return { available: true, statements: result.statements.filter((s) => s.meanTimeMs > thresholdMs) };
}

/**
 * Index Usage Analysis, most-scanned first, as the guide orders it (schemaname, tablename, indexname,
 * idx_scan, idx_tup_read, idx_tup_fetch become schema, table, index, scans, tuplesRead, tuplesFetched).
 *
 * @example
 * const unused = (await indexUsageAnalysis(db)).filter((i) => i.unused);
 */
export async function indexUsageAnalysis(db: OrgDb): Promise<IndexUsage[]> {
  const usage = await indexUsage(db, { schema: 'public' });
  return usage.sort((a, b) => Number(b.scans) - Number(a.scans));
}
