import type { PgTable } from 'drizzle-orm/pg-core';
import { followingRepository } from '../binding/followingRepository.ts';
import { ValidationError } from '../errors/errors.ts';
import type { AnyDb } from '../internal/OrgDb.ts';
import { bulk } from './bulk.ts';
import { bindContext, repositoryShape, type RepositoryShape } from './context.ts';
import type { RepositoryOptions } from './options.ts';
import { pages } from './pages.ts';
import { reads } from './reads.ts';
import { relationalReads } from './relationalReads.ts';
import type { PrimaryKeyOf, Repository } from './Repository.ts';
import { softDelete } from './softDelete.ts';
import type { ColumnKey } from './types.ts';
import { writes } from './writes.ts';

/**
 * A typed repository over any drizzle table: reads with typed filters, allow-listed sorting, keyset and
 * offset pagination, soft delete as the default scope (including relational reads), validated writes,
 * upserts, bulk inserts, and prepared statements on the fixed-shape paths. Every database error
 * surfaces as a typed data-layer error. `in(tx)` runs the same repository inside a transaction.
 *
 * @example
 * const leadsRepo = createRepository(db, leads, { schemas: leadSchemas, sortable: ['createdAt', 'debtAmount'] });
 * const lead = await leadsRepo.getById(id);               // NotFoundError if missing or soft-deleted
 * const page = await leadsRepo.paginate({ sort: [['createdAt', 'desc']], limit: 50 }); // only sortable names compile
 * await transaction(db, async (tx) => leadsRepo.in(tx).softDelete(lead.id));
 */
export function createRepository<TDb extends AnyDb, TTable extends PgTable, TSortable extends ColumnKey<TTable> = never>(
  db: TDb,
  table: TTable,
  options: RepositoryOptions<TTable, TSortable> = {},
): Repository<TDb, TTable, TSortable | PrimaryKeyOf<TTable>> {
  // Over a createDatabase client, every call follows a bindDatabase binding (a test's transaction).
  // The sort names narrow the types only; the run-time allow-list is the same `sortable` option.
  return followingRepository(bound<TDb, TTable>(repositoryShape(table, options as unknown as RepositoryOptions<PgTable>), db), db) as Repository<
    TDb,
    TTable,
    TSortable | PrimaryKeyOf<TTable>
  >;
}

/** The repository of a shape on one db: the capabilities composed over one context. */
function bound<TDb extends AnyDb, TTable extends PgTable>(shape: RepositoryShape, db: TDb): Repository<TDb, TTable> {
  const ctx = bindContext(shape, db);
  const repository: Repository<TDb, TTable> = {
    table: shape.table as TTable,
    in: (tx) => {
      if (tx === db) return repository;
      // `in` may be handed anything at run time. Not drizzle's is(): a db with replicas is a plain object.
      if (typeof tx !== 'object' || tx === null || typeof (tx as { select?: unknown }).select !== 'function')
        throw new ValidationError('in() takes a drizzle database or transaction');
      let other = shape.bound.get(tx) as Repository<TDb, TTable> | undefined;
      if (!other) shape.bound.set(tx, (other = bound<TDb, TTable>(shape, tx)));
      return other;
    },
    ...reads<TDb, TTable>(ctx),
    ...relationalReads<TDb, TTable>(ctx),
    ...writes<TDb, TTable>(ctx),
    ...softDelete<TDb, TTable>(ctx),
    ...pages<TDb, TTable>(ctx),
    ...bulk<TDb, TTable>(ctx),
  };
  return repository;
}
