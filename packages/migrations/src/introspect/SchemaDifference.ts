/** The kinds of object a {@link SchemaDifference} is about. */
export type SchemaObjectKind = 'table' | 'column' | 'constraint' | 'index' | 'trigger' | 'policy' | 'row security' | 'function' | 'enum' | 'extension';

/**
 * One way a live database differs from the schema the migrations produce. `missing`: the migrations
 * make it, the database lacks it; `extra`: the database has it, the migrations do not make it;
 * `changed`: both have it, differently (`fields` says how); `renamed`: the same definition under
 * another name.
 */
export interface SchemaDifference {
  change: 'missing' | 'extra' | 'changed' | 'renamed';
  object: SchemaObjectKind;
  /** `schema.table` for tables and their members. */
  table?: string;
  /** The object's name (for a table, `schema.table`; for a function, with its arguments). */
  name: string;
  /** For `renamed`: the name in the live database. */
  liveName?: string;
  /** For `changed`: which properties differ, with the expected and the live value. */
  fields?: Array<{ field: string; expected: string; live: string }>;
  /** For `extra` tables and columns: whether they hold data (any row, any non-null value). Set by adoption. */
  holdsData?: boolean;
}
