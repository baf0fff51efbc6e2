import type { SchemaDifference } from './SchemaDifference.ts';
import { comparableDefault } from './normalizeSql.ts';
import type { ColumnModel, SchemaModel, TableModel } from './SchemaModel.ts';

/**
 * Every difference between the schema the migrations produce (`expected`) and a live one, in a stable
 * order. Columns, constraints, indexes, triggers and policies are matched by name; a constraint or
 * index missing under one name and extra under another with the same definition is one `renamed`.
 *
 * @example
 * const differences = compareSchemas(expected, await introspectSchema(conn));
 * if (differences.length) console.log(formatSchemaDiff(differences));
 */
export function compareSchemas(expected: SchemaModel, live: SchemaModel): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  for (const name of union(expected.extensions, live.extensions)) {
    if (!live.extensions.includes(name)) out.push({ change: 'missing', object: 'extension', name });
    else if (!expected.extensions.includes(name)) out.push({ change: 'extra', object: 'extension', name });
  }
  for (const key of union(Object.keys(expected.enums), Object.keys(live.enums))) {
    const e = expected.enums[key];
    const l = live.enums[key];
    if (!l) out.push({ change: 'missing', object: 'enum', name: key });
    else if (!e) out.push({ change: 'extra', object: 'enum', name: key });
    else if (e.labels.join(',') !== l.labels.join(',')) {
      out.push({ change: 'changed', object: 'enum', name: key, fields: [{ field: 'labels', expected: e.labels.join(', '), live: l.labels.join(', ') }] });
    }
  }
  for (const key of union(Object.keys(expected.functions), Object.keys(live.functions))) {
    const e = expected.functions[key];
    const l = live.functions[key];
    if (!l) out.push({ change: 'missing', object: 'function', name: key });
    else if (!e) out.push({ change: 'extra', object: 'function', name: key });
    else if (e.definition !== l.definition) {
      out.push({ change: 'changed', object: 'function', name: key, fields: [{ field: 'definition', expected: e.definition, live: l.definition }] });
    }
  }
  for (const key of union(Object.keys(expected.tables), Object.keys(live.tables))) {
    const e = expected.tables[key];
    const l = live.tables[key];
    if (!l) out.push({ change: 'missing', object: 'table', name: key });
    else if (!e) out.push({ change: 'extra', object: 'table', name: key });
    else out.push(...compareTables(key, e, l));
  }
  return out;
}

function compareTables(table: string, e: TableModel, l: TableModel): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  for (const name of union(Object.keys(e.columns), Object.keys(l.columns))) {
    const ec = e.columns[name];
    const lc = l.columns[name];
    if (!lc) out.push({ change: 'missing', object: 'column', table, name });
    else if (!ec) out.push({ change: 'extra', object: 'column', table, name });
    else {
      const fields = columnFields(ec, lc);
      if (fields.length) out.push({ change: 'changed', object: 'column', table, name, fields });
    }
  }
  const show = (v: unknown) => (v === null || v === undefined ? '(none)' : String(v));
  out.push(
    ...compareMembers(
      table,
      'constraint',
      e.constraints,
      l.constraints,
      (c) => `${c.definition}`,
      (a, b) => [
        ...(a.definition !== b.definition ? [{ field: 'definition', expected: a.definition, live: b.definition }] : []),
        ...(a.validated !== b.validated ? [{ field: 'validated', expected: show(a.validated), live: show(b.validated) }] : []),
      ],
    ),
    ...compareMembers(
      table,
      'index',
      e.indexes,
      l.indexes,
      (i) => i.definition,
      (a, b) => (a.definition !== b.definition ? [{ field: 'definition', expected: a.definition, live: b.definition }] : []),
    ),
    ...compareMembers(table, 'trigger', e.triggers, l.triggers, undefined, (a, b) =>
      a.definition !== b.definition ? [{ field: 'definition', expected: a.definition, live: b.definition }] : [],
    ),
    ...compareMembers(table, 'policy', e.policies, l.policies, undefined, (a, b) =>
      (['command', 'permissive', 'roles', 'using', 'check'] as const)
        .filter((f) => show(a[f]) !== show(b[f]))
        .map((f) => ({ field: f, expected: show(a[f]), live: show(b[f]) })),
    ),
  );
  const rls = (['enabled', 'forced'] as const).filter((f) => e.rowSecurity[f] !== l.rowSecurity[f]);
  if (rls.length) {
    out.push({
      change: 'changed',
      object: 'row security',
      table,
      name: table,
      fields: rls.map((f) => ({ field: f, expected: String(e.rowSecurity[f]), live: String(l.rowSecurity[f]) })),
    });
  }
  return out;
}

function columnFields(e: ColumnModel, l: ColumnModel) {
  const show = (v: unknown) => (v === null ? '(none)' : String(v));
  return (['type', 'notNull', 'default', 'identity', 'generated', 'collation'] as const)
    .filter((f) => (f === 'default' ? comparableDefault(e[f]) !== comparableDefault(l[f]) : e[f] !== l[f]))
    .map((f) => ({ field: f === 'notNull' ? 'not null' : f, expected: show(e[f]), live: show(l[f]) }));
}

function compareMembers<T>(
  table: string,
  object: SchemaDifference['object'],
  expected: Record<string, T>,
  live: Record<string, T>,
  identity: ((member: T) => string) | undefined,
  fields: (expected: T, live: T) => NonNullable<SchemaDifference['fields']>,
): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  const missing = Object.keys(expected)
    .filter((n) => !(n in live))
    .sort();
  const extra = new Set(Object.keys(live).filter((n) => !(n in expected)));
  for (const name of missing) {
    const twin = identity && [...extra].find((n) => identity(live[n]!) === identity(expected[name]!));
    if (twin) {
      extra.delete(twin);
      out.push({ change: 'renamed', object, table, name, liveName: twin });
    } else out.push({ change: 'missing', object, table, name });
  }
  for (const name of [...extra].sort()) out.push({ change: 'extra', object, table, name });
  for (const name of Object.keys(expected)
    .filter((n) => n in live)
    .sort()) {
    const f = fields(expected[name]!, live[name]!);
    if (f.length) out.push({ change: 'changed', object, table, name, fields: f });
  }
  return out;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}
