import type { Logger } from 'drizzle-orm';

/** One logged query. */
export interface QueryLogEntry {
  sql: string;
  /** `[redacted]` per parameter unless `redactParams: false`. */
  params: unknown[];
}

/** Options of {@link createQueryLogger}. */
export interface QueryLoggerOptions {
  /** Where entries go; `console.debug` by default. */
  sink?: (entry: QueryLogEntry) => void;
  /** Log parameter values. Off by default: parameters carry emails, tokens and other secrets. */
  redactParams?: boolean;
}

/**
 * A drizzle logger that redacts bound parameters by default: the SQL text is logged, each value is
 * replaced by `[redacted]`.
 *
 * @example
 * createDatabase({ url, logger: createQueryLogger({ sink: (e) => pino.debug(e) }) });
 */
export function createQueryLogger(options: QueryLoggerOptions = {}): Logger {
  const sink = options.sink ?? ((entry: QueryLogEntry) => console.debug('[sql]', entry.sql, entry.params));
  const redact = options.redactParams ?? true;
  return {
    logQuery(sql, params) {
      sink({ sql, params: redact ? params.map(() => '[redacted]') : params });
    },
  };
}
