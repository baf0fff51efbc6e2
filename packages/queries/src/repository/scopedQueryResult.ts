import type {
  Assume,
  BuildQueryResult,
  Equal,
  FindTableByDBName,
  NonUndefinedKeysOnly,
  One,
  Relation,
  Simplify,
  TableRelationalConfig,
  TablesRelationalConfig,
} from 'drizzle-orm';

/** Whether a relational table config has the soft-delete column (the same test the run-time scope makes). */
type IsSoftDeletable<TTable extends TableRelationalConfig> = 'deletedAt' extends keyof TTable['columns'] ? true : false;

/**
 * drizzle's `BuildQueryResult` for a relational read under the soft-delete scope. drizzle types a
 * `one` relation non-null when its foreign key is NOT NULL, but the scope turns a soft-deleted related
 * row into `null` (drizzle's relational queries cannot filter a `one` relation, so the row is pruned
 * after the read): every `one` relation whose target table is soft-deletable is `T | null`, at every
 * depth of `with`. Columns and extras are drizzle's own result.
 */
export type ScopedQueryResult<
  TSchema extends TablesRelationalConfig,
  TTableConfig extends TableRelationalConfig,
  TSelection extends true | Record<string, unknown>,
> =
  TSelection extends Record<string, unknown>
    ? // Indexed access, as drizzle does: `infer` on the inferred (reverse-mapped) config does not match.
      TSelection['with'] extends Record<string, unknown>
      ? Simplify<
          // drizzle's result with its relation keys replaced (relation and column names never overlap).
          Omit<BuildQueryResult<TSchema, TTableConfig, TSelection>, RelationKeys<TSelection['with'], TTableConfig>> &
            ScopedRelationResult<TSchema, TSelection['with'], TTableConfig['relations']>
        >
      : BuildQueryResult<TSchema, TTableConfig, TSelection>
    : BuildQueryResult<TSchema, TTableConfig, TSelection>;

type RelationKeys<TInclude, TTableConfig extends TableRelationalConfig> = NonUndefinedKeysOnly<TInclude> & keyof TTableConfig['relations'];

/** drizzle's `BuildRelationResult`, recursing through {@link ScopedQueryResult} and adding the soft-delete `null`. */
type ScopedRelationResult<TSchema extends TablesRelationalConfig, TInclude, TRelations extends Record<string, Relation>> = {
  [K in NonUndefinedKeysOnly<TInclude> & keyof TRelations]: TRelations[K] extends infer TRel extends Relation
    ? FindTableByDBName<TSchema, TRel['referencedTableName']> extends infer TTarget extends TableRelationalConfig
      ? ScopedQueryResult<TSchema, TTarget, Assume<TInclude[K], true | Record<string, unknown>>> extends infer TResult
        ? TRel extends One
          ?
              | TResult
              // drizzle's own nullability (an optional foreign key), kept exactly as drizzle computes it.
              | (Equal<TRel['isNullable'], false> extends true ? null : never)
              | (IsSoftDeletable<TTarget> extends true ? null : never)
          : TResult[]
        : never
      : never
    : never;
};
