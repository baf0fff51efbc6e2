import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { AnyDb } from '../internal/OrgDb.ts';
import { isPossibleKey } from './columnValue.ts';
import { TooManyRowsError } from '../errors/errors.ts';
import { guard, type RepositoryContext } from './context.ts';
import { buildWhere } from './filters.ts';
import { optionsOf } from './inputs.ts';
import type { ReadOptions } from './options.ts';
import { relationalFor } from './preparedCache.ts';
import { checkRelationalConfig } from './relationalConfig.ts';
import { pruneDeleted, scopeWith } from './relationalScope.ts';
import type { RepositoryBase } from './Repository.ts';
import { scopeCondition } from './softDeleteScope.ts';
import { literalCount, StatementShape } from './statementShape.ts';
import { scopeOf, type ColumnMap } from './types.ts';

/** The relational-read methods of a repository. */
export type RelationalReadMethods<TDb extends AnyDb, TTable extends PgTable> = Pick<
  RepositoryBase<TDb, TTable>,
  'findManyWith' | 'findFirstWith' | 'findByIdWith'
>;

/** The table's key in the db's relational schema; a db built without it cannot serve relational reads. */
function tableKey(ctx: RepositoryContext): string {
  const schema = ctx.q._.schema;
  const entry = schema && Object.entries(schema).find(([, t]) => t.dbName === ctx.name);
  if (!entry) throw new Error(`createRepository: ${ctx.name} is not in the db's relational schema; pass { schema } to drizzle()`);
  return entry[0];
}

/**
 * Relational reads (drizzle's `db.query`) with the soft-delete scope applied to the row and to every
 * related row; configs are checked against the schema before SQL.
 */
export function relationalReads<TDb extends AnyDb, TTable extends PgTable>(ctx: RepositoryContext): RelationalReadMethods<TDb, TTable> {
  const { q, primaryKey, pk } = ctx;
  const findManyWith = (config: unknown, opts: ReadOptions<PgTable> = {}): Promise<unknown[]> =>
    guard(async () => {
      opts = optionsOf(opts);
      const key = tableKey(ctx);
      checkRelationalConfig(q._.schema!, key, config, { maxLimit: ctx.maxRows });
      // Without a limit, read one row more than allowed, as findMany does: more matches is an error, never a silent cut.
      const bounded = (config as { limit?: unknown }).limit !== undefined;
      const c = (bounded ? config : { ...(config as object), limit: ctx.maxRows + 1 }) as { where?: unknown; with?: Record<string, true> };
      const scope = scopeOf(opts);
      const filter = opts.where as Record<string, unknown> | undefined;
      const build = (bindValues: boolean) => {
        const scoped = scopeWith(q._.schema!, key, c.with, scope);
        const query = q.query[key]!.findMany({
          ...c,
          // Written into the text, as findMany's (checked above: a bounded row count).
          limit: literalCount((c as { limit: number }).limit),
          with: scoped.config,
          where: (fields: ColumnMap, ops: unknown) =>
            and(
              typeof c.where === 'function' ? c.where(fields, ops) : (c.where as SQL | undefined),
              // Placeholders named in the same order as the shape computed below names its values.
              buildWhere(fields, filter, 0, bindValues ? undefined : new StatementShape()),
              scopeCondition(fields, scope),
            ),
        });
        return { query, prune: scoped.prune };
      };
      const withinMaxRows = (rows: unknown[]) => {
        if (!bounded && rows.length > ctx.maxRows) throw new TooManyRowsError(ctx.name, ctx.maxRows);
        return rows;
      };
      const plain = plainShape(c);
      if (plain === undefined) {
        // SQL or functions in the config: built per call, as drizzle does.
        const { query, prune } = build(true);
        const rows = withinMaxRows((await query) as unknown[]);
        pruneDeleted(rows, prune);
        return rows;
      }
      // A plain config is prepared once per shape of config, filter and scope; the filter's values are bound.
      const shape = new StatementShape();
      buildWhere(ctx.columns, filter, 0, shape);
      const entry = relationalFor(ctx, `many:${plain}:${scope}:${shape.key}`, () => build(false));
      const rows = withinMaxRows(await entry.execute(shape.values));
      pruneDeleted(rows, entry.prune);
      return rows;
    });
  const findFirstWith = async (config: unknown, opts: ReadOptions<PgTable> = {}): Promise<unknown> => {
    // A config that is not an object goes through as it is, to be refused (spread, 5 would become {}).
    const first = typeof config === 'object' && config !== null && !Array.isArray(config) ? { ...(config as object), limit: 1 } : config;
    return (await findManyWith(first, opts))[0];
  };
  const findByIdWith = async (id: unknown, config: unknown, opts: ReadOptions<PgTable> = {}): Promise<unknown> => {
    opts = optionsOf(opts);
    if (!isPossibleKey(pk, id)) return undefined;
    checkRelationalConfig(q._.schema ?? {}, tableKey(ctx), config, { maxLimit: ctx.maxRows });
    const shape = plainShape(config);
    if (shape === undefined) return findFirstWith({ ...(config as object), where: eq(pk, id) }, opts);
    return guard(async () => {
      const scope = scopeOf(opts);
      const read = relationalFor(ctx, `${shape}:${scope}`, () => {
        const key = tableKey(ctx);
        const scoped = scopeWith(q._.schema!, key, (config as { with?: Record<string, true> }).with, scope);
        // findMany with a literal `limit 1` rather than findFirst, whose limit drizzle binds as a parameter.
        const query = q.query[key]!.findMany({
          ...(config as object),
          limit: literalCount(1),
          with: scoped.config,
          where: (fields: ColumnMap) => and(eq(fields[primaryKey]!, sql.placeholder('id')), scopeCondition(fields, scope)),
        });
        return { query, prune: scoped.prune };
      });
      const [row] = await read.execute({ id });
      pruneDeleted(row, read.prune);
      return row ?? undefined;
    });
  };
  // The public signatures are generic over the config; the implementation works on what drizzle returns.
  return { findManyWith, findFirstWith, findByIdWith } as unknown as RelationalReadMethods<TDb, TTable>;
}

/** A cache key for a relational config made only of plain data, or undefined when it holds SQL or functions. */
function plainShape(config: unknown): string | undefined {
  let plain = true;
  const text = JSON.stringify(config, (_, value: unknown) => {
    if (
      typeof value === 'function' ||
      (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype)
    ) {
      plain = false;
      return undefined; // not walked: SQL objects are circular
    }
    return value;
  });
  return plain ? text : undefined;
}
