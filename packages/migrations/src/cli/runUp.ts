import type { MigrationClient } from '../connection/MigrationConnection.ts';
import { describeLockHolder } from '../journal/lockHolder.ts';
import { migrate } from '../run/migrate.ts';
import type { CliSource } from './cliSource.ts';
import { noteOtherSets } from './noteOtherSets.ts';
import type { CliArgs } from './parseCliArgs.ts';

/** `org-migrate up`: applies pending migrations, printing progress and whom it waits for. */
export async function runUp(client: MigrationClient, { folder, journal, set }: CliSource, args: CliArgs): Promise<number> {
  const result = await migrate(client, {
    folder,
    journal,
    ...(set ? { set } : {}),
    allowOutOfOrder: args.allowOutOfOrder,
    ...(args.lockTimeoutMs !== undefined ? { ddlLockTimeoutMs: args.lockTimeoutMs } : {}),
    ...(args.statementTimeoutMs !== undefined ? { statementTimeoutMs: args.statementTimeoutMs } : {}),
    ...(args.lockWaitMs !== undefined ? { lockWaitTimeoutMs: args.lockWaitMs } : {}),
    onProgress: (e) => {
      if (e.type === 'lock-wait') {
        console.error(
          e.holder ? `waiting for the migration lock, held by ${describeLockHolder(e.holder)}` : 'waiting for the migration lock, held by another session',
        );
      } else if (e.type === 'start') process.stdout.write(`[${e.index + 1}/${e.total}] ${e.name} ... `);
      else console.log(`${Math.round(e.durationMs)} ms`);
    },
  });
  noteOtherSets(result.otherSets, result.set);
  if (result.adopted.length) console.log(`adopted ${result.adopted.length} migration(s) from drizzle's journal`);
  for (const r of result.recovered) console.log(`resumed ${r.name}: ${r.note}`);
  console.log(
    result.applied.length
      ? `applied ${result.applied.length} migration(s) in ${Math.round(result.durationMs)} ms`
      : 'nothing to apply: the database is up to date',
  );
  return 0;
}
