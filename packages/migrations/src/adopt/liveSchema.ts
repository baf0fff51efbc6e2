import type { MigrationConnection } from '../connection/MigrationConnection.ts';
import { DRIZZLE_JOURNAL } from '../journal/drizzleJournal.ts';
import { quoteIdent, type JournalTable } from '../journal/JournalTable.ts';
import { introspectSchema } from '../introspect/introspectSchema.ts';
import type { SchemaDifference } from '../introspect/SchemaDifference.ts';
import type { SchemaModel } from '../introspect/SchemaModel.ts';

/** The live database's schema, without the runner's own journal and drizzle-orm's. */
export async function liveSchema(
  conn: MigrationConnection,
  journal: JournalTable,
  drizzleJournal: Partial<JournalTable> | false | undefined,
): Promise<SchemaModel> {
  const drizzle = { ...DRIZZLE_JOURNAL, ...(drizzleJournal || {}) };
  return introspectSchema(conn, { excludeTables: [`${journal.schema}.${journal.name}`, `${drizzle.schema}.${drizzle.name}`] });
}

/** Sets `holdsData` on extra tables (any row) and extra columns (any non-null value). */
export async function markData(conn: MigrationConnection, differences: SchemaDifference[]): Promise<SchemaDifference[]> {
  for (const d of differences) {
    if (d.change !== 'extra' || (d.object !== 'table' && d.object !== 'column')) continue;
    const [schema, name] = splitKey(d.object === 'table' ? d.name : d.table!);
    const table = `${quoteIdent(schema)}.${quoteIdent(name)}`;
    const where = d.object === 'column' ? ` where ${quoteIdent(d.name)} is not null` : '';
    const [row] = await conn.query<{ v: boolean }>(`select exists (select 1 from ${table}${where}) as v`);
    d.holdsData = row?.v ?? false;
  }
  return differences;
}

function splitKey(key: string): [string, string] {
  const dot = key.indexOf('.');
  return [key.slice(0, dot), key.slice(dot + 1)];
}
