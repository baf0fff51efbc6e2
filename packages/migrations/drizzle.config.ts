import { defineConfig } from 'drizzle-kit';

// drizzle-kit generates the SQL from @org/schema's tables; `org-migrate` applies it.
export default defineConfig({
  dialect: 'postgresql',
  schema: '../schema/src/tables.ts',
  out: './migrations',
  strict: true,
  verbose: true,
});
