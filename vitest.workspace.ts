// The project list. vitest 4 ignores this file on its own; vitest.config.ts imports it (with the
// extension) and hands it to `test.projects`, so this stays the single place that names the projects.
export default ['packages/*', 'examples/*'];
