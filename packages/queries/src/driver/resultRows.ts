/**
 * Rows of a `db.execute()` result: PGlite returns `{ rows }`, postgres.js an array.
 *
 * @example
 * const [row] = rowsOf<{ now: string }>(await db.execute(sql`select now()::text as now`));
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Number of rows a write touched, on either driver. */
export function affectedRows(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number; rowCount?: number };
  return r.count ?? r.affectedRows ?? r.rowCount ?? 0;
}
