// Starts the service: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise.
import { createServer } from 'node:http';
import { migrate, orgMigrationsFolder } from '@org/migrations';
import { createDatabase } from '@org/queries';
import { createApp } from './createApp.ts';

const database = createDatabase(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, applicationName: 'org-http-service' } : { pglite: true });
await migrate(database.client, { folder: orgMigrationsFolder() });
const server = createServer(createApp(database.db));
const port = Number(process.env.PORT ?? 3000);
server.listen(port, () => console.log(`listening on http://localhost:${port}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => void database.close().then(() => process.exit(0)));
  });
}
