// Guide section "Environment-Specific Config" (lib/db/config.ts), in createDatabase's option names.
import type { CreateDatabaseOptions } from '@org/queries';

type PoolOptions = NonNullable<CreateDatabaseOptions['pool']>;

/**
 * The guide's per-environment pool settings. guide: `idleTimeoutMillis: 30000` (node-postgres, ms) →
 * ours: `idleTimeoutSeconds: 30` (postgres.js counts seconds). guide: `ssl: { rejectUnauthorized: false }`
 * → kept as the `ssl` option of createDatabase (see db.ts).
 *
 * @example
 * const pool = configs.test; // { max: 3, idleTimeoutSeconds: 10 }
 */
export const configs = {
  development: { max: 10, idleTimeoutSeconds: 30 },
  test: { max: 3, idleTimeoutSeconds: 10 },
  production: { max: 20, idleTimeoutSeconds: 30 },
} as const satisfies Record<string, PoolOptions>;

/** The environments the guide configures. */
export type Environment = keyof typeof configs;

/**
 * The pool settings of an environment. guide: `configs[process.env.NODE_ENV || 'development']` → ours:
 * an unknown NODE_ENV (e.g. 'staging') falls back to development instead of `undefined`, which
 * `noUncheckedIndexedAccess` rightly refuses to pass on as settings.
 *
 * @example
 * const pool = poolConfigFor(process.env.NODE_ENV);
 */
export function poolConfigFor(nodeEnv: string | undefined): PoolOptions {
  return nodeEnv && Object.hasOwn(configs, nodeEnv) ? configs[nodeEnv as Environment] : configs.development;
}

/** The guide's `poolConfig`, for this process's NODE_ENV. */
export const poolConfig = poolConfigFor(process.env.NODE_ENV);
