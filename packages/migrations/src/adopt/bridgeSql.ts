import { quoteIdent } from '../journal/JournalTable.ts';
import type { SchemaDifference } from '../introspect/SchemaDifference.ts';
import type { ColumnModel, ConstraintModel, PolicyModel, SchemaModel, TableModel } from '../introspect/SchemaModel.ts';
import { freeIndexName } from './freeIndexName.ts';
import { keepLine } from './keepMarkers.ts';
import { onKeptColumns } from './onKeptColumns.ts';

/** A file that converts a live database into what the migrations produce, and what it leaves alone. */
export interface Bridge {
  sql: string;
  /** Extra objects the bridge keeps (tables and columns without `allowDrop`, functions, enums, extensions). */
  kept: SchemaDifference[];
  /** Things the bridge cannot do by itself; each is also a `-- review:` comment in the file. */
  review: string[];
}

/**
 * The first line of a migration written by adoption: `adopt` applies such a file and records the
 * folder in one transaction.
 *
 * @example
 * readFileSync('drizzle/0004_adopt_bridge.sql', 'utf8').startsWith(BRIDGE_MARKER); // true
 */
export const BRIDGE_MARKER = '-- org-migrate:adopt-bridge';

/**
 * Writes the SQL that turns `live` into `expected`, given their differences. Every statement is
 * guarded (`IF NOT EXISTS`, `IF EXISTS`, catalog checks), so on a database that is already in the
 * expected state (a fresh one the migrations built) the file does nothing: it can stay in the folder.
 * Tables and columns the migrations do not know are kept unless `allowDrop`: a `-- org-migrate:keep`
 * line records each, so the drift check accepts them; a kept NOT NULL column without a default is
 * made nullable, since code written for the migrations does not fill it. A table the migrations fill
 * with `INSERT … DEFAULT VALUES` (`defaultRows`) gets that row when the bridge creates it.
 *
 * @example
 * const bridge = bridgeSql(differences, expected, live, { defaultRows: defaultRowTables(files) });
 * writeFileSync('drizzle/0005_adopt_bridge.sql', bridge.sql);
 */
export function bridgeSql(
  differences: readonly SchemaDifference[],
  expected: SchemaModel,
  live: SchemaModel,
  options: { allowDrop?: boolean; defaultRows?: ReadonlySet<string>; uncastable?: ReadonlySet<string> } = {},
): Bridge {
  const allowDrop = options.allowDrop ?? false;
  const kept: SchemaDifference[] = [];
  const review: string[] = [];
  const phases: Record<
    'setup' | 'tables' | 'renames' | 'drops' | 'columns' | 'rows' | 'constraints' | 'foreignKeys' | 'indexes' | 'triggers' | 'security' | 'dropTables',
    string[]
  > = {
    setup: [],
    tables: [],
    renames: [],
    drops: [],
    columns: [],
    rows: [],
    constraints: [],
    foreignKeys: [],
    indexes: [],
    triggers: [],
    security: [],
    dropTables: [],
  };
  const schemas = new Set<string>();
  // Extra columns the bridge keeps: their own foreign keys, unique constraints and indexes stay with them.
  const keptColumns = new Set(allowDrop ? [] : differences.filter((d) => d.change === 'extra' && d.object === 'column').map((d) => `${d.table}.${d.name}`));
  const note = (text: string) => {
    review.push(text);
    return `-- review: ${text}`;
  };
  // An index name another (kept) table's index holds is freed first, or CREATE INDEX IF NOT EXISTS skips.
  const makeRoom = (name: string, tableKey: string) => {
    const clash = freeIndexName(name, tableKey, expected, live);
    if (clash) phases.renames.push(note(clash.review), clash.statement);
  };

  for (const d of differences) {
    // A table's own differences carry its key as the name; its members', as the table.
    const key = d.object === 'table' ? d.name : d.table;
    const t = key ? (expected.tables[key] ?? live.tables[key]) : undefined;
    const table = t ? tableName(t) : '';
    switch (`${d.change} ${d.object}`) {
      case 'missing extension':
        phases.setup.push(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(d.name)};`);
        break;
      case 'missing enum': {
        const e = expected.enums[d.name]!;
        schemas.add(e.schema);
        phases.setup.push(
          `DO $bridge$ BEGIN\n  IF to_regtype(${literal(`${quoteIdent(e.schema)}.${quoteIdent(e.name)}`)}) IS NULL THEN\n` +
            `    CREATE TYPE ${quoteIdent(e.schema)}.${quoteIdent(e.name)} AS ENUM (${e.labels.map(literal).join(', ')});\n  END IF;\nEND $bridge$;`,
        );
        break;
      }
      case 'changed enum': {
        const e = expected.enums[d.name]!;
        const l = live.enums[d.name]!;
        e.labels.forEach((label, i) => {
          if (l.labels.includes(label)) return;
          const position = i > 0 ? ` AFTER ${literal(e.labels[i - 1]!)}` : ` BEFORE ${literal(l.labels[0]!)}`;
          phases.setup.push(`ALTER TYPE ${quoteIdent(e.schema)}.${quoteIdent(e.name)} ADD VALUE IF NOT EXISTS ${literal(label)}${position};`);
        });
        const extraLabels = l.labels.filter((x) => !e.labels.includes(x));
        if (extraLabels.length)
          phases.setup.push(note(`enum ${d.name} has labels the migrations do not: ${extraLabels.join(', ')} (PostgreSQL cannot drop them; kept)`));
        break;
      }
      case 'missing function':
      case 'changed function': {
        const f = expected.functions[d.name]!;
        schemas.add(f.schema);
        phases.setup.push(`${f.definition};`);
        break;
      }
      case 'missing table':
        schemas.add(t!.schema);
        phases.tables.push(createTable(t!));
        // The row the migrations insert with DEFAULT VALUES (see defaultRowTables), drawn on this server.
        if (options.defaultRows?.has(d.name)) {
          phases.rows.push(
            `DO $bridge$ BEGIN\n  IF NOT EXISTS (select 1 from ${table}) THEN\n    INSERT INTO ${table} DEFAULT VALUES;\n  END IF;\nEND $bridge$;`,
          );
        }
        memberStatements(t!, phases, (index) => makeRoom(index, d.name));
        break;
      case 'missing column':
        phases.columns.push(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${columnDefinition(d.name, t!.columns[d.name]!)};`);
        if (t!.columns[d.name]!.notNull && t!.columns[d.name]!.default === null && !t!.columns[d.name]!.generated && !t!.columns[d.name]!.identity) {
          phases.columns.push(
            note(
              `${d.table}.${d.name} is NOT NULL without a default: the statement above fails if the table has rows; add it nullable, backfill, then SET NOT NULL`,
            ),
          );
        }
        break;
      case 'changed column':
        phases.columns.push(...alterColumn(table, d, t!.columns[d.name]!, note, options.uncastable?.has(`${d.table}.${d.name}`) ?? false));
        break;
      case 'renamed constraint':
        phases.renames.push(
          guard(
            `select 1 from pg_constraint where conrelid = to_regclass(${literal(table)}) and conname = ${literal(d.liveName!)}`,
            `ALTER TABLE ${table} RENAME CONSTRAINT ${quoteIdent(d.liveName!)} TO ${quoteIdent(d.name)};`,
          ),
        );
        break;
      case 'renamed index':
        phases.renames.push(`ALTER INDEX IF EXISTS ${quoteIdent(t!.schema)}.${quoteIdent(d.liveName!)} RENAME TO ${quoteIdent(d.name)};`);
        break;
      case 'missing constraint':
        addConstraint(table, d.name, t!.constraints[d.name]!, phases);
        break;
      case 'changed constraint': {
        const c = t!.constraints[d.name]!;
        const l = live.tables[d.table!]!.constraints[d.name]!;
        if (c.definition === l.definition) {
          phases.constraints.push(`ALTER TABLE ${table} VALIDATE CONSTRAINT ${quoteIdent(d.name)};`);
        } else {
          phases.drops.push(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${quoteIdent(d.name)};`);
          addConstraint(table, d.name, c, phases);
        }
        break;
      }
      case 'extra constraint':
        if (onKeptColumns(d, live, keptColumns)) kept.push(d);
        else phases.drops.push(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${quoteIdent(d.name)};`);
        break;
      case 'missing index':
        makeRoom(d.name, d.table!);
        phases.indexes.push(createIndex(d.name, t!.indexes[d.name]!.definition));
        break;
      case 'changed index':
        phases.drops.push(`DROP INDEX IF EXISTS ${quoteIdent(t!.schema)}.${quoteIdent(d.name)};`);
        phases.indexes.push(createIndex(d.name, t!.indexes[d.name]!.definition));
        break;
      case 'extra index':
        if (onKeptColumns(d, live, keptColumns)) kept.push(d);
        else phases.drops.push(`DROP INDEX IF EXISTS ${quoteIdent(t!.schema)}.${quoteIdent(d.name)};`);
        break;
      case 'missing trigger':
      case 'changed trigger':
        phases.triggers.push(`${t!.triggers[d.name]!.definition.replace(/^CREATE (CONSTRAINT )?TRIGGER/, 'CREATE OR REPLACE $1TRIGGER')};`);
        break;
      case 'extra trigger':
        phases.drops.push(`DROP TRIGGER IF EXISTS ${quoteIdent(d.name)} ON ${table};`);
        break;
      case 'missing policy':
      case 'changed policy':
        phases.security.push(`DROP POLICY IF EXISTS ${quoteIdent(d.name)} ON ${table};`, createPolicy(table, d.name, t!.policies[d.name]!));
        break;
      case 'extra policy':
        phases.drops.push(`DROP POLICY IF EXISTS ${quoteIdent(d.name)} ON ${table};`);
        break;
      case 'changed row security':
        phases.security.push(...rowSecurity(table, t!));
        break;
      case 'extra table':
        if (allowDrop) phases.dropTables.push(`DROP TABLE IF EXISTS ${table};`);
        else kept.push(d);
        break;
      case 'extra column': {
        if (allowDrop) {
          phases.columns.push(`ALTER TABLE ${table} DROP COLUMN IF EXISTS ${quoteIdent(d.name)};`);
          break;
        }
        kept.push(d);
        const c = live.tables[d.table!]!.columns[d.name]!;
        if (c.notNull && c.default === null && !c.identity && !c.generated) {
          phases.columns.push(
            guard(
              columnExists(table, d.name),
              `ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(d.name)} DROP NOT NULL; -- kept, but code written for the migrations does not fill it`,
            ),
          );
        }
        break;
      }
      default:
        // Extra functions, enums and extensions: kept (kept tables or triggers may use them).
        kept.push(d);
    }
  }
  const sections = [
    [...[...schemas].filter((s) => s !== 'public').map((s) => `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(s)};`), ...phases.setup],
    phases.tables,
    phases.renames,
    phases.drops,
    phases.columns,
    phases.rows,
    phases.constraints,
    phases.foreignKeys,
    phases.indexes,
    phases.triggers,
    phases.security,
    phases.dropTables,
  ].filter((s) => s.length > 0);
  const header = [
    BRIDGE_MARKER,
    '-- Written by `org-migrate adopt`: converts the database it was generated from into the schema the',
    '-- migrations before it produce. Review it, then run `org-migrate adopt` again: it applies this file and',
    '-- records every migration in one transaction. Every statement is guarded, so on a database the',
    '-- migrations built it does nothing.',
    ...kept.map(
      (d) =>
        `${keepLine(d)}${d.holdsData === undefined ? '' : d.holdsData ? ' -- holds data' : ' -- empty'}${d.object === 'table' || d.object === 'column' ? '; pass --allow-drop to drop' : ''}`,
    ),
  ];
  return { sql: `${header.join('\n')}\n\n${sections.map((s) => s.join('\n\n')).join('\n\n')}\n`, kept, review };
}

function tableName(t: TableModel): string {
  return `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function guard(condition: string, statement: string): string {
  return `DO $bridge$ BEGIN\n  IF EXISTS (${condition}) THEN\n    ${statement}\n  END IF;\nEND $bridge$;`;
}

function columnExists(table: string, column: string): string {
  return `select 1 from pg_attribute where attrelid = to_regclass(${literal(table)}) and attname = ${literal(column)} and not attisdropped`;
}

function columnDefinition(name: string, c: ColumnModel): string {
  const parts = [quoteIdent(name), c.type];
  if (c.collation) parts.push(`COLLATE ${quoteIdent(c.collation)}`);
  if (c.generated) parts.push(`GENERATED ALWAYS AS (${c.generated}) STORED`);
  else if (c.identity) parts.push(`GENERATED ${c.identity.toUpperCase()} AS IDENTITY`);
  else if (c.default !== null) parts.push(`DEFAULT ${c.default}`);
  if (c.notNull) parts.push('NOT NULL');
  return parts.join(' ');
}

function createTable(t: TableModel): string {
  const columns = Object.entries(t.columns).map(([name, c]) => `  ${columnDefinition(name, c)}`);
  return `CREATE TABLE IF NOT EXISTS ${tableName(t)} (\n${columns.join(',\n')}\n);`;
}

/** Everything on a table the bridge creates, as for a table that had all of it missing. */
function memberStatements(t: TableModel, phases: Record<string, string[]>, beforeIndex: (name: string) => void) {
  const table = tableName(t);
  for (const [name, c] of Object.entries(t.constraints)) addConstraint(table, name, c, phases);
  for (const [name, i] of Object.entries(t.indexes)) {
    beforeIndex(name);
    phases.indexes!.push(createIndex(name, i.definition));
  }
  for (const trigger of Object.values(t.triggers))
    phases.triggers!.push(`${trigger.definition.replace(/^CREATE (CONSTRAINT )?TRIGGER/, 'CREATE OR REPLACE $1TRIGGER')};`);
  phases.security!.push(...rowSecurity(table, t));
  for (const [name, p] of Object.entries(t.policies))
    phases.security!.push(`DROP POLICY IF EXISTS ${quoteIdent(name)} ON ${table};`, createPolicy(table, name, p));
}

/** Checks and foreign keys are added NOT VALID and validated after, so existing rows are checked without a long exclusive lock. */
function addConstraint(table: string, name: string, c: ConstraintModel, phases: Record<string, string[]>) {
  const deferValidation = c.type === 'check' || c.type === 'foreign key';
  const add = `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(name)} ${c.definition}${deferValidation ? ' NOT VALID' : ''};`;
  const validate = deferValidation && c.validated ? `\n    ALTER TABLE ${table} VALIDATE CONSTRAINT ${quoteIdent(name)};` : '';
  const statement = `DO $bridge$ BEGIN\n  IF NOT EXISTS (select 1 from pg_constraint where conrelid = to_regclass(${literal(table)}) and conname = ${literal(name)}) THEN\n    ${add}${validate}\n  END IF;\nEND $bridge$;`;
  (c.type === 'foreign key' ? phases.foreignKeys! : phases.constraints!).push(statement);
}

function createIndex(name: string, definition: string): string {
  return `${definition.replace(/^CREATE (UNIQUE )?INDEX ON /, `CREATE $1INDEX IF NOT EXISTS ${quoteIdent(name)} ON `)};`;
}

function createPolicy(table: string, name: string, p: PolicyModel): string {
  return (
    `CREATE POLICY ${quoteIdent(name)} ON ${table} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command} ` +
    `TO ${p.roles.map((r) => (r === 'public' ? 'PUBLIC' : quoteIdent(r))).join(', ')}` +
    `${p.using ? ` USING (${p.using})` : ''}${p.check ? ` WITH CHECK (${p.check})` : ''};`
  );
}

function rowSecurity(table: string, t: TableModel): string[] {
  return [
    `ALTER TABLE ${table} ${t.rowSecurity.enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY;`,
    ...(t.rowSecurity.forced ? [`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;`] : []),
  ].filter((s) => t.rowSecurity.enabled || t.rowSecurity.forced || s.includes('DISABLE'));
}

function alterColumn(table: string, d: SchemaDifference, c: ColumnModel, note: (text: string) => string, uncastable: boolean): string[] {
  const column = quoteIdent(d.name);
  const out: string[] = [];
  const changed = new Set(d.fields!.map((f) => f.field));
  if (changed.has('generated')) {
    out.push(
      note(
        `${d.table}.${d.name}: generated expression differs (${c.generated ?? 'not generated'} expected); PostgreSQL 15 cannot change it in place: add a new column, move readers, drop the old`,
      ),
    );
  }
  if (changed.has('type') || changed.has('collation')) {
    // Guarded like every other statement: on a database the migrations built (the scratch copy adopt
    // builds the expected schema on, with this file in the folder), the column already has the type and
    // may be used by a policy, which makes even a no-op ALTER ... TYPE fail (0A000).
    const differs =
      `format_type(atttypid, atttypmod) <> ${literal(c.type)}` +
      (c.collation ? ` or attcollation <> (select oid from pg_collation where collname = ${literal(c.collation)} limit 1)` : '');
    out.push(
      guard(
        `${columnExists(table, d.name)} and (${differs})`,
        // The old default goes first: PostgreSQL casts it to the new type and refuses one without an
        // implicit cast ('true'::varchar to boolean, 42804); the expected default is set again below.
        `ALTER TABLE ${table} ALTER COLUMN ${column} DROP DEFAULT;\n    ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${c.type}${c.collation ? ` COLLATE ${quoteIdent(c.collation)}` : ''} USING ${column}::${c.type}; -- may rewrite the table`,
      ),
    );
    if (uncastable) {
      const from = d.fields!.find((f) => f.field === 'type')!.live;
      out.push(
        note(
          `${d.table}.${d.name}: PostgreSQL has no cast from ${from} to ${c.type}, so the statement above fails (42846) whatever the rows hold; convert the column yourself before it (a USING expression of your own)`,
        ),
      );
    }
  }
  if (changed.has('identity')) {
    if (c.identity) {
      out.push(`ALTER TABLE ${table} ALTER COLUMN ${column} DROP DEFAULT;`, `ALTER TABLE ${table} ALTER COLUMN ${column} DROP IDENTITY IF EXISTS;`);
      out.push(`ALTER TABLE ${table} ALTER COLUMN ${column} ADD GENERATED ${c.identity.toUpperCase()} AS IDENTITY;`);
      out.push(note(`${d.table}.${d.name} becomes an identity column: set its sequence past the highest id (setval(pg_get_serial_sequence(...), max(id)))`));
    } else out.push(`ALTER TABLE ${table} ALTER COLUMN ${column} DROP IDENTITY IF EXISTS;`);
  }
  const typeChanged = changed.has('type') || changed.has('collation');
  if ((changed.has('default') || (typeChanged && c.default !== null)) && !c.identity && !c.generated) {
    out.push(
      c.default === null
        ? `ALTER TABLE ${table} ALTER COLUMN ${column} DROP DEFAULT;`
        : `ALTER TABLE ${table} ALTER COLUMN ${column} SET DEFAULT ${c.default};`,
    );
  }
  if (changed.has('not null')) {
    out.push(`ALTER TABLE ${table} ALTER COLUMN ${column} ${c.notNull ? 'SET' : 'DROP'} NOT NULL;`);
    if (c.notNull) out.push(note(`${d.table}.${d.name} becomes NOT NULL: the statement above fails while rows hold NULL there; backfill them first`));
  }
  return out;
}
