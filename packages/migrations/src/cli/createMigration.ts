import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_TRANSACTION_MARKER } from '../files/MigrationFile.ts';

/** Options of {@link createMigration}. */
export interface CreateMigrationOptions {
  name: string;
  dir: string;
  custom: boolean;
  noTransaction: boolean;
  config?: string;
}

/**
 * Runs `drizzle-kit generate` (an empty custom file with `custom`), and marks the new file
 * non-transactional when asked. Returns the created file's path.
 */
export function createMigration(options: CreateMigrationOptions): string {
  if (!/^[a-z0-9_]+$/i.test(options.name)) throw new Error('a migration name is letters, digits and _ only');
  const args = ['drizzle-kit', 'generate', `--name=${options.name}`];
  if (options.custom || options.noTransaction) args.push('--custom');
  if (options.config) args.push(`--config=${options.config}`);
  const run = spawnSync('npx', ['--no-install', ...args], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`drizzle-kit generate exited with ${run.status ?? run.signal}`);
  const created = readdirSync(options.dir)
    .filter((f) => f.endsWith(`_${options.name}.sql`))
    .map((f) => join(options.dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!created) throw new Error(`drizzle-kit wrote no ${options.name} migration into ${options.dir}; check --dir`);
  if (options.noTransaction) {
    writeFileSync(created, `${NO_TRANSACTION_MARKER}\n${readFileSync(created, 'utf8')}`);
  }
  return created;
}
