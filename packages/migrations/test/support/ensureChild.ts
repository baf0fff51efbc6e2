// One process calling ensureMigrations, for the cross-process test: prints its report as JSON.
import postgres from 'postgres';
import { ensureMigrations } from '../../src/index.ts';

const [url, folder] = process.argv.slice(2);
const sql = postgres(url!, { max: 2, onnotice: () => {} });
try {
  const result = await ensureMigrations(sql, { folder: folder! });
  console.log(JSON.stringify({ applied: result.applied.map((m) => m.name), skipped: result.skipped }));
} finally {
  await sql.end();
}
