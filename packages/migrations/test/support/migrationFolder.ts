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
    /** Writes drizzle-kit's `meta/_journal.json` listing these files with these timestamps. */
    drizzleJournal(entries: Array<[tag: string, when: number]>) {
      mkdirSync(join(dir, 'meta'), { recursive: true });
      const journal = {
        version: '7',
        dialect: 'postgresql',
        entries: entries.map(([tag, when], idx) => ({ idx, version: '7', when, tag, breakpoints: true })),
      };
      writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify(journal, null, 2));
      return folder;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const [name, sql] of Object.entries(files)) folder.write(name, sql);
  return folder;
}
