import { pathToFileURL } from 'node:url';
import { checkSchemaDrift } from '../drift/schemaDrift.ts';
import { CliUsageError } from './parseCliArgs.ts';

/**
 * `check` with a schema configured: loads the module and prints what `drizzle-kit generate` would
 * write from it (nothing when the schema and the committed migrations agree). True when it would.
 *
 * @example
 * const drifted = await reportSchemaDrift('/srv/app/dist/schema.js', '/srv/app/drizzle');
 */
export async function reportSchemaDrift(schemaFile: string, folder: string): Promise<boolean> {
  let schema: Record<string, unknown>;
  try {
    schema = (await import(pathToFileURL(schemaFile).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new CliUsageError(
      `could not load the schema module ${schemaFile}${typeof code === 'string' ? ` (${code})` : ''}: point "schema" (or --schema) at a ` +
        'JavaScript module, such as your build output, or run org-migrate through tsx for a TypeScript one',
    );
  }
  const drift = await checkSchemaDrift({ schema, folder });
  if (drift.drifted) {
    console.error(
      `\nschema drift: the drizzle schema has changes no committed migration holds (compared with ${drift.snapshot}); ` +
        `drizzle-kit generate would write:\n${drift.statements.map((s) => `  ${s.replace(/\n/g, '\n  ')}`).join('\n')}\n` +
        'Run drizzle-kit generate (org-migrate create <name>) and commit the migration.',
    );
  } else console.log(`no schema drift: the drizzle schema is what the committed migrations make (${drift.snapshot})`);
  return drift.drifted;
}
