// @org/testing public entry point.
// The vitest fixtures are in the `@org/testing/vitest` entry: this one loads without vitest (the demo
// seeds with it), and vitest's `test.extend` may only run inside a test run.
export { holdTransaction } from './fixtures/holdTransaction.ts';
export { openTestDatabase } from './engine/openTestDatabase.ts';
export type { TestDatabaseConfig } from './engine/openTestDatabase.ts';
export type { TestDatabase, TestDb, AnyTestDb } from './engine/TestDatabase.ts';
export { selectTestEngine } from './engine/testEngine.ts';
export type { TestEngineName } from './engine/testEngine.ts';
export { pgliteTemplate } from './template/pgliteTemplate.ts';
export { postgresTemplate, checkDatabasePrefix, KEPT_TEMPLATES } from './template/postgresTemplate.ts';
export { ConcurrentDatabaseTestError, exclusiveUse } from './fixtures/exclusiveUse.ts';
export { defineFactories } from './factories/defineFactories.ts';
export type {
  Factory,
  Factories,
  FactoryDefinition,
  FactoryDefinitions,
  FactoryContext,
  FactoryOptions,
  FactoryCallOptions,
  ListOverrides,
} from './factories/defineFactories.ts';
export { orgFactories } from './factories/orgFactories.ts';
export type { OrgFactories } from './factories/orgFactories.ts';
export { Random } from './factories/random.ts';
export type { DeriveContext } from './factories/deriveColumnValue.ts';
export { seedScenario, scenarios } from './scenarios/seedScenario.ts';
export type { ScenarioName } from './scenarios/seedScenario.ts';
export { seedDemoScenario } from './scenarios/demoScenario.ts';
export type { DemoScenario, DemoScenarioOptions } from './scenarios/demoScenario.ts';
