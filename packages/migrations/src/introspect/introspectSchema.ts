import type { MigrationClient, MigrationConnection } from '../connection/MigrationConnection.ts';
import { openMigrationConnection } from '../connection/openMigrationConnection.ts';
import { singleFlight } from '../run/singleFlight.ts';
import { collapse, normalizeConstraintDefinition, normalizeExpression, normalizeFunctionDefinition, normalizeIndexDefinition } from './normalizeSql.ts';
import type { SchemaModel, TableModel } from './SchemaModel.ts';

/** What {@link introspectSchema} leaves out. */
export interface IntrospectOptions {
  /** Tables (`schema.table`) not to describe: the runner's journals. */
  excludeTables?: readonly string[];
}

// User schemas only; objects an extension created belong to the extension, not to the migrations.
const USER_SCHEMA = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'`;
const TABLES = `
  select c.oid, n.nspname as schema, c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as force_rls
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p') and ${USER_SCHEMA}
    and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')`;
const POLICY_COMMANDS = { '*': 'ALL', r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE' } as const;

/**
 * Describes a live database from pg_catalog: tables, columns (types with typmods, nullability,
 * defaults, identity, generated), constraints, indexes (partial and expression ones too), triggers,
 * row-level security and its policies, functions, enums and extensions. Read-only; the same on
 * PostgreSQL 15 and PGlite (18), whose differences the normalisation absorbs.
 *
 * @example
 * const model = await introspectSchema(await openMigrationConnection(sql));
 * model.tables['public.users']?.columns.email?.type; // 'text'
 */
export async function introspectSchema(conn: MigrationConnection, options: IntrospectOptions = {}): Promise<SchemaModel> {
  const exclude = new Set(options.excludeTables ?? []);
  const model: SchemaModel = { tables: {}, functions: {}, enums: {}, extensions: [] };
  const byOid = new Map<string, TableModel>();

  for (const t of await conn.query<{ oid: number; schema: string; name: string; rls: boolean; force_rls: boolean }>(TABLES)) {
    const key = `${t.schema}.${t.name}`;
    if (exclude.has(key)) continue;
    const table: TableModel = {
      schema: t.schema,
      name: t.name,
      columns: {},
      constraints: {},
      indexes: {},
      triggers: {},
      policies: {},
      rowSecurity: { enabled: t.rls, forced: t.force_rls },
    };
    model.tables[key] = table;
    byOid.set(String(t.oid), table);
  }

  const columns = await conn.query<{
    relid: number;
    name: string;
    type: string;
    not_null: boolean;
    identity: string;
    generated: string;
    expr: string | null;
    collation: string | null;
  }>(`
    select a.attrelid as relid, a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
      a.attidentity as identity, a.attgenerated as generated, pg_get_expr(d.adbin, d.adrelid) as expr,
      case when a.attcollation <> 0 and a.attcollation <> ty.typcollation then co.collname end as collation
    from (${TABLES}) t join pg_attribute a on a.attrelid = t.oid
    join pg_type ty on ty.oid = a.atttypid
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    left join pg_collation co on co.oid = a.attcollation
    where a.attnum > 0 and not a.attisdropped`);
  for (const c of columns) {
    const table = byOid.get(String(c.relid));
    if (!table) continue;
    const generated = c.generated !== '' && c.generated !== null;
    table.columns[c.name] = {
      type: c.type,
      notNull: c.not_null,
      default: generated ? null : normalizeExpression(c.expr),
      identity: c.identity === 'a' ? 'always' : c.identity === 'd' ? 'by default' : null,
      generated: generated ? normalizeExpression(c.expr) : null,
      collation: c.collation,
    };
  }

  const constraints = await conn.query<{ relid: number; name: string; type: string; definition: string; validated: boolean }>(`
    select c.conrelid as relid, c.conname as name, c.contype as type, pg_get_constraintdef(c.oid) as definition, c.convalidated as validated
    from (${TABLES}) t join pg_constraint c on c.conrelid = t.oid
    where c.contype in ('p', 'u', 'c', 'f', 'x')`);
  const TYPES: Record<string, string> = { p: 'primary key', u: 'unique', c: 'check', f: 'foreign key', x: 'exclude' };
  for (const c of constraints) {
    const table = byOid.get(String(c.relid));
    if (!table) continue;
    table.constraints[c.name] = {
      type: TYPES[c.type] ?? c.type,
      definition: normalizeConstraintDefinition(c.definition),
      validated: c.validated,
    };
  }

  const indexes = await conn.query<{ relid: number; name: string; definition: string }>(`
    select i.indrelid as relid, ic.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from (${TABLES}) t join pg_index i on i.indrelid = t.oid join pg_class ic on ic.oid = i.indexrelid
    where not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x'))`);
  for (const i of indexes) {
    const table = byOid.get(String(i.relid));
    if (table) table.indexes[i.name] = { definition: normalizeIndexDefinition(i.definition) };
  }

  const triggers = await conn.query<{ relid: number; name: string; definition: string }>(`
    select g.tgrelid as relid, g.tgname as name, pg_get_triggerdef(g.oid) as definition
    from (${TABLES}) t join pg_trigger g on g.tgrelid = t.oid where not g.tgisinternal`);
  for (const g of triggers) {
    const table = byOid.get(String(g.relid));
    if (table) table.triggers[g.name] = { definition: collapse(g.definition) };
  }

  const policies = await conn.query<{
    relid: number;
    name: string;
    cmd: keyof typeof POLICY_COMMANDS;
    permissive: boolean;
    roles: string;
    using: string | null;
    check: string | null;
  }>(`
    select p.polrelid as relid, p.polname as name, p.polcmd as cmd, p.polpermissive as permissive,
      (select string_agg(case when r = 0 then 'public' else pg_get_userbyid(r) end, ',' order by 1) from unnest(p.polroles) r) as roles,
      pg_get_expr(p.polqual, p.polrelid) as using, pg_get_expr(p.polwithcheck, p.polrelid) as check
    from (${TABLES}) t join pg_policy p on p.polrelid = t.oid`);
  for (const p of policies) {
    const table = byOid.get(String(p.relid));
    if (!table) continue;
    table.policies[p.name] = {
      command: POLICY_COMMANDS[p.cmd],
      permissive: p.permissive,
      roles: (p.roles ?? 'public').split(',').sort(),
      using: normalizeExpression(p.using),
      check: normalizeExpression(p.check),
    };
  }

  const functions = await conn.query<{ schema: string; name: string; args: string; definition: string }>(`
    select n.nspname as schema, p.proname as name, pg_get_function_identity_arguments(p.oid) as args,
      pg_get_functiondef(p.oid) as definition
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where p.prokind in ('f', 'p') and ${USER_SCHEMA}
      and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`);
  for (const f of functions) {
    model.functions[`${f.schema}.${f.name}(${f.args})`] = {
      schema: f.schema,
      name: f.name,
      definition: normalizeFunctionDefinition(f.definition),
    };
  }

  const enums = await conn.query<{ schema: string; name: string; labels: string[] | string }>(`
    select n.nspname as schema, t.typname as name, array_agg(e.enumlabel::text order by e.enumsortorder) as labels
    from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
    where ${USER_SCHEMA}
      and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')
    group by n.nspname, t.typname`);
  for (const e of enums) {
    model.enums[`${e.schema}.${e.name}`] = { schema: e.schema, name: e.name, labels: Array.isArray(e.labels) ? e.labels : parseTextArray(e.labels) };
  }

  const extensions = await conn.query<{ name: string }>(`select extname as name from pg_extension where extname <> 'plpgsql' order by 1`);
  model.extensions = extensions.map((e) => e.name);
  return model;
}

/**
 * {@link introspectSchema} on a postgres.js client, a PGlite instance or a drizzle db over either:
 * the normalised, comparable description of a live database's schema.
 *
 * @example
 * const model = await introspectDatabase(sql, { excludeTables: ['public.org_migrations'] });
 * model.tables['public.users']?.columns.email?.type; // 'text'
 */
export async function introspectDatabase(client: MigrationClient, options: IntrospectOptions = {}): Promise<SchemaModel> {
  return singleFlight(client, async () => {
    const conn = await openMigrationConnection(client);
    try {
      return await introspectSchema(conn, options);
    } finally {
      await conn.release();
    }
  });
}

/** A `text[]` a driver returned as its literal (`{a,"b c"}`), as an array. */
function parseTextArray(literal: string): string[] {
  const inner = literal.slice(1, -1);
  if (inner === '') return [];
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|([^,]+)/g;
  for (const m of inner.matchAll(re)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
  return out;
}
