import { defineConfig } from 'vitest/config';

// The app's module-level client reads DATABASE_URL at import. In tests every statement it makes goes to
// the test's transaction (useTestDatabase), so it only needs a URL that is never dialled.
export default defineConfig({
  test: {
    env: { DATABASE_URL: 'postgres://shop@127.0.0.1:1/never_dialled' },
    include: ['src/**/*.test.ts'],
    // A fresh PGlite takes seconds on a loaded machine (the worker template, the embedded-engine test).
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
