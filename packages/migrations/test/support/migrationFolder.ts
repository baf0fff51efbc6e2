import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary migrations folder whose files a test writes and rewrites. */
export function migrationFolder(files: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'org-migrate-'));
  const folder = {
    dir,
    write(name: string, sql: string) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}.sql`), sql);
      return folder;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const [name, sql] of Object.entries(files)) folder.write(name, sql);
  return folder;
}
