import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliUsageError } from './parseCliArgs.ts';

/** The CLI's settings from `org-migrate.config.json` or the `"org-migrate"` field of package.json. */
export interface CliConfig {
  /** Migrations folder, resolved against the directory of the file it came from. */
  dir?: string;
  /** Journal table, `schema.table` or `table` (schema public). */
  journal?: string;
  /** The set name the folder's migrations are journaled under. */
  set?: string;
  /** The drizzle schema module (`check` compares it with the folder's snapshots), resolved like `dir`. */
  schema?: string;
  /** Which file it came from, for messages. */
  source: string;
}

const KEYS = new Set(['dir', 'journal', 'set', 'schema']);

/**
 * Reads the CLI's configuration from the working directory: `org-migrate.config.json`, else the
 * `"org-migrate"` field of `package.json`, else nothing. A malformed one is a usage error naming the
 * file, never silently ignored.
 *
 * @example
 * // org-migrate.config.json: { "dir": "./drizzle", "journal": "public.app_migrations", "set": "app" }
 * loadCliConfig(process.cwd())?.dir; // '/srv/app/drizzle'
 */
export function loadCliConfig(cwd: string): CliConfig | undefined {
  const file = join(cwd, 'org-migrate.config.json');
  if (existsSync(file)) return validate(parse(file), 'org-migrate.config.json', cwd);
  const pkg = join(cwd, 'package.json');
  if (existsSync(pkg)) {
    const field = (parse(pkg) as Record<string, unknown> | null)?.['org-migrate'];
    if (field !== undefined) return validate(field, 'the "org-migrate" field of package.json', cwd);
  }
  return undefined;
}

function parse(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliUsageError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function validate(value: unknown, source: string, cwd: string): CliConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliUsageError(`${source} must be an object such as { "dir": "./drizzle" }`);
  }
  const config: CliConfig = { source };
  for (const [key, v] of Object.entries(value)) {
    if (!KEYS.has(key)) throw new CliUsageError(`${source}: unknown key "${key}" (known: dir, journal, set, schema)`);
    if (typeof v !== 'string' || v.length === 0) throw new CliUsageError(`${source}: "${key}" must be a non-empty string`);
  }
  const { dir, journal, set, schema } = value as Record<string, string | undefined>;
  if (dir) config.dir = resolve(cwd, dir);
  if (schema) config.schema = resolve(cwd, schema);
  if (journal) config.journal = journal;
  if (set) config.set = set;
  return config;
}
