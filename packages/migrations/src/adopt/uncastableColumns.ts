import type { MigrationConnection } from '../connection/MigrationConnection.ts';
import type { SchemaDifference } from '../introspect/SchemaDifference.ts';

/**
 * The columns (`schema.table.column`) whose type change PostgreSQL has no cast for, such as `jsonb` to
 * `text[]`: the bridge's `ALTER COLUMN … TYPE … USING c::type` fails on them (42846) whatever the rows
 * hold. Asked of the live server itself, which knows its casts (and extensions' ones): a cast of NULL is
 * planned, and refused, like a cast of real values. Other failures (a type the bridge has yet to create)
 * say nothing about the cast and are not reported. Read-only.
 *
 * @example
 * const uncastable = await uncastableColumns(conn, differences); // Set { 'public.wizard_submissions.completed_steps' }
 */
export async function uncastableColumns(conn: MigrationConnection, differences: readonly SchemaDifference[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const d of differences) {
    const type = d.change === 'changed' && d.object === 'column' ? d.fields?.find((f) => f.field === 'type') : undefined;
    if (!type) continue;
    try {
      // Both names are format_type() text read from the catalogs, not user input.
      await conn.query(`select null::${type.live}::${type.expected} as probe`);
    } catch (error) {
      if (sqlStateOf(error) === '42846') out.add(`${d.table}.${d.name}`);
    }
  }
  return out;
}

function sqlStateOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
  return code;
}
