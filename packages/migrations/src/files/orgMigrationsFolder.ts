import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of @org/schema's migrations shipped in this package. Found by walking up to the package
 * root, which works from `src/` (tests) and from `dist/` (published) alike.
 *
 * @example
 * await migrate(client, { folder: orgMigrationsFolder() });
 */
export function orgMigrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('@org/migrations: package root not found');
    dir = parent;
  }
  return join(dir, 'migrations');
}
