import type { AnyDb } from './OrgDb.ts';

/**
 * The name for drizzle's `.prepare(name)`, or undefined when the client runs with `prepare: false`
 * (behind PgBouncer in transaction mode). drizzle turns a name into a named server-side statement
 * even then, and a pooler may run the next execution on a server connection that never saw it;
 * without a name the statement is unnamed, and drizzle still reuses the built query.
 */
export function statementName(db: AnyDb, name: string): string {
  const session = (db as unknown as { session?: { client?: { options?: { prepare?: boolean } } } }).session;
  const primary = (db as unknown as { $primary?: { session?: typeof session } }).$primary?.session;
  const prepare = (session ?? primary)?.client?.options?.prepare;
  return (prepare === false ? undefined : name) as string;
}
