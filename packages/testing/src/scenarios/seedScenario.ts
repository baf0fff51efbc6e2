import type { AnyTestDb } from '../engine/TestDatabase.ts';
import { seedDemoScenario, type DemoScenarioOptions } from './demoScenario.ts';

/**
 * The named data sets {@link seedScenario} knows.
 *
 * @example
 * Object.keys(scenarios); // ['demo']
 */
export const scenarios = { demo: seedDemoScenario } as const;

/** A scenario name. */
export type ScenarioName = keyof typeof scenarios;

/**
 * Seeds a named data set.
 *
 * @example
 * await seedScenario(db, 'demo', { seed: 1 });
 */
export function seedScenario(db: AnyTestDb, name: ScenarioName, options: DemoScenarioOptions = {}) {
  const seed = scenarios[name];
  if (!seed) throw new Error(`unknown scenario '${String(name)}'; known: ${Object.keys(scenarios).join(', ')}`);
  return seed(db, options);
}
