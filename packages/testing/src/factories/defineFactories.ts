import { getTableColumns, getTableName, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { AnyTestDb } from '../engine/TestDatabase.ts';
import { deriveColumnValue, needsValue, type DeriveContext } from './deriveColumnValue.ts';
import { Random } from './random.ts';
import { singleColumnUniques } from './uniqueColumns.ts';

/** What a definition's value functions receive. */
export type FactoryContext = DeriveContext;

/** Values a definition or trait sets, computed per row. */
export type FactoryValues<TTable extends PgTable> = (ctx: FactoryContext) => Partial<InferInsertModel<TTable>>;

/** How one table's rows are made, beyond what is derived from its columns. */
export interface FactoryDefinition<TTable extends PgTable, TTrait extends string = string> {
  /** Realistic values that replace the derived ones. */
  defaults?: FactoryValues<TTable>;
  /** Named variations, applied after the defaults and before the overrides. */
  traits?: Record<TTrait, FactoryValues<TTable>>;
}

/** Options of one build or create. */
export interface FactoryCallOptions<TTrait extends string> {
  traits?: readonly TTrait[];
}

/** Overrides for one row of a list, fixed or per index. */
export type ListOverrides<TTable extends PgTable> = Partial<InferInsertModel<TTable>> | ((index: number) => Partial<InferInsertModel<TTable>>);

/** The factory of one table. */
export interface Factory<TTable extends PgTable, TTrait extends string> {
  /** A complete insert value, nothing written. Required foreign keys get random uuids unless given. */
  build(overrides?: Partial<InferInsertModel<TTable>>, options?: FactoryCallOptions<TTrait>): InferInsertModel<TTable>;
  /** Inserts one row (creating required parents not given) and returns it as read back. */
  create(overrides?: Partial<InferInsertModel<TTable>>, options?: FactoryCallOptions<TTrait>): Promise<InferSelectModel<TTable>>;
  /**
   * Inserts `count` rows in one statement; parents not given are created once and shared, except
   * through a unique foreign key (a 1:1 link), where each row gets its own.
   */
  createList(count: number, overrides?: ListOverrides<TTable>, options?: FactoryCallOptions<TTrait>): Promise<InferSelectModel<TTable>[]>;
}

type TraitOf<D> = D extends FactoryDefinition<PgTable, infer T> ? T : never;

/** Definitions for some of a table map's tables. */
export type FactoryDefinitions<TTables extends Record<string, PgTable>> = {
  [K in keyof TTables]?: FactoryDefinition<TTables[K], string>;
};

/** Factories for every table of a map, bound to one database. */
export type Factories<TTables extends Record<string, PgTable>, TDefs extends FactoryDefinitions<TTables>> = {
  [K in keyof TTables]: Factory<TTables[K], TraitOf<TDefs[K]>>;
};

/** Options of binding factories to a database. */
export interface FactoryOptions {
  /** Makes every value reproducible. Random by default. */
  seed?: number;
}

/**
 * Factories for every table of a drizzle table map, derived from the columns: required columns get
 * valid values (overridable per table with `defaults`, varied with `traits`), and required foreign
 * keys are filled by creating the parent through its own factory. Returns a function that binds the
 * factories to a database.
 *
 * @example
 * const makeFactories = defineFactories({ users, notes }, {
 *   users: { traits: { deleted: () => ({ deletedAt: new Date() }) } },
 * });
 * const f = makeFactories(db, { seed: 1 });
 * const note = await f.notes.create(); // creates its user too
 * const gone = await f.users.create({}, { traits: ['deleted'] });
 */
export function defineFactories<
  TTables extends Record<string, PgTable>,
  // No default for TDefs: a default would become the contextual type and untype the callbacks.
  TDefs extends FactoryDefinitions<TTables>,
>(tables: TTables, definitions: TDefs) {
  const keyByTable = new Map<PgTable, keyof TTables>(Object.entries(tables).map(([k, t]) => [t, k]));
  return (db: AnyTestDb, options: FactoryOptions = {}): Factories<TTables, TDefs> => {
    const random = new Random(options.seed ?? Math.floor(Math.random() * 2 ** 32));
    const tag = random.seed.toString(36);
    const sequences = new Map<keyof TTables, number>();
    const factories = {} as Record<keyof TTables, Factory<PgTable, string>>;
    // Loose handles on the db: insert/returning over a table known only at run time.
    const anyDb = db as unknown as {
      insert(t: PgTable): { values(v: unknown): { returning(): Promise<Record<string, unknown>[]> } };
    };

    for (const [key, table] of Object.entries(tables) as [keyof TTables, PgTable][]) {
      const definition = (definitions[key] ?? {}) as FactoryDefinition<PgTable, string>;
      const columns = Object.entries(getTableColumns(table));
      const uniques = singleColumnUniques(table);
      const requiredForeignKeys = getTableConfig(table)
        .foreignKeys.map((fk) => fk.reference())
        .filter((ref) => ref.columns.length === 1 && ref.columns[0]!.notNull)
        .map((ref) => ({
          property: columns.find(([, c]) => c === ref.columns[0])![0],
          parent: ref.foreignTable,
          parentProperty: Object.entries(getTableColumns(ref.foreignTable)).find(([, c]) => c === ref.foreignColumns[0])![0],
          // A unique foreign key (a 1:1 link such as user_profiles.user_id) cannot share its parent.
          unique: uniques.has(ref.columns[0]!.name),
        }));

      const buildRow = (overrides: Record<string, unknown>, traits: readonly string[], fillForeignKeys: boolean) => {
        const sequence = (sequences.get(key) ?? 0) + 1;
        sequences.set(key, sequence);
        const ctx: FactoryContext = { random, sequence, tag };
        const row: Record<string, unknown> = {};
        const foreign = new Set(requiredForeignKeys.map((fk) => fk.property));
        for (const [property, column] of columns) {
          if (needsValue(column) && (fillForeignKeys || !foreign.has(property))) {
            row[property] = deriveColumnValue(column, ctx);
          }
        }
        Object.assign(row, definition.defaults?.(ctx));
        for (const trait of traits) {
          const apply = definition.traits?.[trait];
          if (!apply) throw new Error(`factories: ${String(key)} has no trait '${trait}'`);
          Object.assign(row, apply(ctx));
        }
        return Object.assign(row, overrides);
      };

      // Creates the required parents a row lacks; a parent that carries another missing key (the
      // session of a prompt carries its user) supplies it too, so the graph stays consistent.
      const resolveParents = async (row: Record<string, unknown>, keys = requiredForeignKeys) => {
        for (const fk of keys) {
          if (row[fk.property] !== undefined) continue;
          const parentKey = keyByTable.get(fk.parent);
          if (parentKey === undefined) {
            throw new Error(`factories: ${String(key)}.${fk.property} references ${getTableName(fk.parent)}, which has no factory`);
          }
          const shared: Record<string, unknown> = {};
          const parentColumns = getTableColumns(fk.parent);
          for (const other of requiredForeignKeys) {
            if (other !== fk && row[other.property] !== undefined && other.property in parentColumns) {
              shared[other.property] = row[other.property];
            }
          }
          const parent = (await factories[parentKey]!.create(shared)) as Record<string, unknown>;
          row[fk.property] = parent[fk.parentProperty];
          for (const other of requiredForeignKeys) {
            if (row[other.property] === undefined && parent[other.property] !== undefined) {
              row[other.property] = parent[other.property];
            }
          }
        }
        return row;
      };

      factories[key] = {
        build: (overrides = {}, opts = {}) => buildRow(overrides, opts.traits ?? [], true) as never,
        async create(overrides = {}, opts = {}) {
          const row = await resolveParents(buildRow(overrides, opts.traits ?? [], false));
          const [created] = await anyDb.insert(table).values(row).returning();
          return created as never;
        },
        async createList(count, overrides = {}, opts = {}) {
          if (count <= 0) return [];
          const rows = Array.from({ length: count }, (_, i) => buildRow(typeof overrides === 'function' ? overrides(i) : overrides, opts.traits ?? [], false));
          // Parents missing from every row are created once and shared by the list, except through a
          // unique foreign key: those rows each get their own parent below.
          const missingEverywhere = requiredForeignKeys.filter((fk) => !fk.unique && rows.every((r) => r[fk.property] === undefined));
          if (missingEverywhere.length > 0) {
            const shared = await resolveParents(
              commonValues(
                rows,
                requiredForeignKeys.map((f) => f.property),
              ),
              missingEverywhere,
            );
            for (const row of rows) for (const fk of missingEverywhere) row[fk.property] = shared[fk.property];
          }
          // Rows that gave some parents but not others (or lack a unique one) resolve the rest on their own.
          for (const row of rows) {
            if (requiredForeignKeys.some((fk) => row[fk.property] === undefined)) await resolveParents(row);
          }
          return (await anyDb.insert(table).values(rows).returning()) as never;
        },
      };
    }
    return factories as unknown as Factories<TTables, TDefs>;
  };
}

function commonValues(rows: Record<string, unknown>[], properties: string[]) {
  const shared: Record<string, unknown> = {};
  for (const property of properties) {
    const values = new Set(rows.map((r) => r[property]));
    if (values.size === 1 && rows[0]![property] !== undefined) shared[property] = rows[0]![property];
  }
  return shared;
}
