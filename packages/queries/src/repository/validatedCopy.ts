import { copyStreams } from '../driver/copyRows.ts';
import { bulkRowCheck } from './bulkValidation.ts';
import { COPY_CHUNK_ROWS, copyChunks } from './bulkInsert.ts';
import type { RepositoryContext } from './context.ts';

/**
 * Whether a bulk insert of these inputs validates its rows while they are copied: on a driver whose
 * COPY data streams (postgres.js), for lists large enough to be copied at all.
 */
export function copiesWhileValidating(ctx: RepositoryContext, inputs: unknown): inputs is unknown[] {
  return Array.isArray(inputs) && inputs.length > 0 && inputs.length >= (ctx.options.copyThreshold ?? 500) && copyStreams(ctx.db);
}

/**
 * A bulk insert through COPY that validates each chunk of rows just before it is sent, so that the
 * client's validating and encoding overlap the server's inserting (run one after the other, they added
 * up to a quarter of a 100,000-row COPY on a server). The outcome is the one of validating every row
 * first:
 *
 * - an invalid row throws its ValidationError and nothing is written (the COPY is abandoned, and the
 *   transaction or savepoint it ran in rolled back);
 * - when the database fails the COPY (a constraint, a lost connection), the rows not yet validated are
 *   validated first, and an invalid one is reported instead, as it would have been before any SQL;
 * - rows COPY cannot carry (see copyChunks) return undefined, nothing written: the caller inserts them
 *   the ordinary way.
 *
 * Returns the number of rows written.
 *
 * @example
 * if (copiesWhileValidating(ctx, inputs)) return (await copyValidated(ctx, inputs)) ?? insertTheOrdinaryWay();
 */
export async function copyValidated(ctx: RepositoryContext, inputs: readonly unknown[]): Promise<number | undefined> {
  const check = bulkRowCheck(ctx);
  let next = 0;
  let invalid: { error: unknown } | undefined;
  function* chunks(): Generator<(Record<string, unknown> | undefined)[]> {
    while (next < inputs.length) {
      const end = Math.min(inputs.length, next + COPY_CHUNK_ROWS);
      const chunk: (Record<string, unknown> | undefined)[] = [];
      try {
        // A hole in the list is skipped by validateRows (Array#map) and left for the ordinary path to handle.
        for (; next < end; next++) chunk.push(next in inputs ? check(inputs[next], next) : undefined);
      } catch (error) {
        invalid = { error };
        throw error;
      }
      yield chunk;
    }
  }
  let copied: boolean;
  try {
    copied = await copyChunks(ctx.db, ctx.table, chunks());
  } catch (error) {
    if (invalid) throw invalid.error;
    for (; next < inputs.length; next++) if (next in inputs) check(inputs[next], next);
    throw error;
  }
  return copied ? inputs.length : undefined;
}
