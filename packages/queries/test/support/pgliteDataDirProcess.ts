// A separate process using a PGlite data directory through createDatabase, for the data-directory
// lock test. Prints one JSON line per step. `hold DIR`: opens, then obeys stdin lines "write N" (N
// committed inserts) and "close". `open DIR`: tries to open and write once, reports, exits.
import { sql } from 'drizzle-orm';
import { createInterface } from 'node:readline';
import { DataDirLockedError, createDatabase } from '../../src/index.ts';

const [mode, dataDir] = process.argv.slice(2);
const say = (line: object) => console.log(JSON.stringify(line));

let database: ReturnType<typeof createDatabase>;
try {
  database = createDatabase({ dataDir: dataDir! });
  await database.db.execute(sql`create table if not exists writes (pid integer, n integer, primary key (pid, n))`);
} catch (error) {
  say({ opened: false, typed: error instanceof DataDirLockedError, name: (error as Error).name, code: (error as { code?: string }).code });
  process.exit(0);
}
let written = 0;
const write = async (count: number) => {
  for (let i = 0; i < count; i++, written++) {
    await database.db.execute(sql`insert into writes values (${process.pid}, ${written})`);
  }
};
if (mode === 'open') {
  await write(1);
  say({ opened: true });
  await database.close();
  process.exit(0);
}
say({ opened: true });
for await (const line of createInterface({ input: process.stdin })) {
  const [command, count] = line.split(' ');
  if (command === 'write') {
    await write(Number(count));
    say({ written });
  } else if (command === 'close') {
    await database.close();
    say({ closed: true });
    process.exit(0);
  }
}
