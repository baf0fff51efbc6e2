/**
 * A database schema as the catalog describes it, normalised so that two databases built the same way
 * compare equal whatever the server version, column order or default spelling. Keys are unquoted
 * `schema.name` strings; definitions are the server's own canonical text (pg_get_*def), normalised.
 */
export interface SchemaModel {
  /** Tables by `schema.table`. */
  tables: Record<string, TableModel>;
  /** User functions and procedures by `schema.name(identity arguments)`. */
  functions: Record<string, FunctionModel>;
  /** Enum types by `schema.name`. */
  enums: Record<string, EnumModel>;
  /** Installed extensions by name. */
  extensions: string[];
}

/** One table. Members are keyed by name, so column order never matters. */
export interface TableModel {
  schema: string;
  name: string;
  columns: Record<string, ColumnModel>;
  /** Primary key, unique, check, foreign-key and exclusion constraints (PostgreSQL 18's NOT NULL ones are columns' `notNull`). */
  constraints: Record<string, ConstraintModel>;
  /** Indexes that no constraint owns (partial and expression ones included). */
  indexes: Record<string, IndexModel>;
  /** User triggers, by name. */
  triggers: Record<string, { definition: string }>;
  /** Row-level security policies, by name. */
  policies: Record<string, PolicyModel>;
  rowSecurity: { enabled: boolean; forced: boolean };
}

/** One column. */
export interface ColumnModel {
  /** `format_type` with typmods: `character varying(50)`, `numeric(5,2)`, `timestamp with time zone`. */
  type: string;
  notNull: boolean;
  /** Default expression, normalised; null when none (and for identity and generated columns). */
  default: string | null;
  /** `always`, `by default`, or null. */
  identity: 'always' | 'by default' | null;
  /** The generation expression of a generated column, normalised; null otherwise. */
  generated: string | null;
  /** A collation other than the type's default, or null. */
  collation: string | null;
}

/** One constraint. */
export interface ConstraintModel {
  /** `primary key`, `unique`, `check`, `foreign key`, `exclude`. */
  type: string;
  /** pg_get_constraintdef text, normalised (without NOT VALID). */
  definition: string;
  /** False for a constraint added NOT VALID and never validated. */
  validated: boolean;
}

/** One index, its definition without its own name (so a renamed index is recognised). */
export interface IndexModel {
  definition: string;
}

/** One policy. */
export interface PolicyModel {
  command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  permissive: boolean;
  roles: string[];
  using: string | null;
  check: string | null;
}

/** One function or procedure. */
export interface FunctionModel {
  schema: string;
  name: string;
  /** pg_get_functiondef text, normalised: `CREATE OR REPLACE FUNCTION …`. */
  definition: string;
}

/** One enum type. */
export interface EnumModel {
  schema: string;
  name: string;
  labels: string[];
}
