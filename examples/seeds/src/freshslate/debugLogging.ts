// FreshSlate's "Debug Mode": query logging on the client.
import { createQueryLogger, type CreateDatabaseOptions, type QueryLogEntry } from '@org/queries';

/**
 * The client options with query logging on: every statement's SQL text goes to `sink`, each bound
 * value replaced by `[redacted]`.
 *
 * @example
 * const database = createDatabase(withDebugLogging(freshslateClientOptions(process.env), (e) => console.log('Query:', e.sql)));
 */
export function withDebugLogging(options: CreateDatabaseOptions, sink: (entry: QueryLogEntry) => void): CreateDatabaseOptions {
  // guide: drizzle(queryClient, { logger: true }) → ours: createDatabase({ …, logger: true }) works as
  // is. guide: logger: { logQuery(query, params) { console.log('Params:', params) } } → ours:
  // createQueryLogger({ sink }), because the params are lead names, emails and phone numbers, which must
  // not reach the logs; the guide's own logger object is still accepted unchanged as `logger`.
  return { ...options, logger: createQueryLogger({ sink }) };
}
