// Guide section "Common Query Patterns → 3. Results Operations", unchanged.
import type { OrgDb } from '@org/queries';
import { scrapingResults, type CreatorResult } from '@org/schema';
import { desc, eq } from 'drizzle-orm';

/**
 * Save Search Results: one batch of creators (JSONB). `jobId` may be absent: a batch without a job is
 * a valid row (#13 decision), visible only to unscoped connections.
 *
 * @example
 * await saveSearchResults(db, jobId, creatorsData);
 */
export async function saveSearchResults(db: OrgDb, jobId: string | undefined, creatorsData: CreatorResult[]): Promise<void> {
  await db.insert(scrapingResults).values({
    jobId,
    creators: creatorsData, // JSONB array of creator objects
  });
}

/**
 * Get All Results for Job, flattened newest batch first. (@org's `getAllCreatorsForJob` flattens in
 * SQL instead of in JavaScript.)
 *
 * @example
 * const allCreators = await getAllResultsForJob(db, jobId);
 */
export async function getAllResultsForJob(db: OrgDb, jobId: string): Promise<CreatorResult[]> {
  const results = await db.query.scrapingResults.findMany({
    where: eq(scrapingResults.jobId, jobId),
    orderBy: desc(scrapingResults.createdAt),
  });

  // Flatten all creators from all result records
  const allCreators = results.flatMap((result) => result.creators);
  return allCreators;
}
