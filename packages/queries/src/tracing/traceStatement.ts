import type { DatabaseSpan, DatabaseTracer } from './DatabaseTracer.ts';

/** OpenTelemetry's `SpanKind.CLIENT` and `SpanStatusCode.ERROR`, without importing the API. */
const CLIENT = 2;
const ERROR = 2;

/** What a span says about where a statement ran. Never a parameter value. */
export interface StatementTarget {
  engine: 'postgresql' | 'pglite';
  /** A replica (true) or the primary (false). */
  replica: boolean;
}

/** `select`, `insert`, `begin`, … — the first keyword, which is all a span name may carry. */
function operationOf(text: string): string {
  return /^\s*(?:with\b[\s\S]*?\)\s*)?([a-z]+)/i.exec(text)?.[1]?.toLowerCase() ?? 'query';
}

/** The error's typed code or SQLSTATE, never its message (which may hold a value). */
function errorCode(error: unknown): string {
  const { code, sqlState } = (error ?? {}) as { code?: unknown; sqlState?: unknown };
  return typeof sqlState === 'string' ? sqlState : typeof code === 'string' ? code : 'error';
}

function attributes(target: StatementTarget, extra: Record<string, string | number | boolean>) {
  return { 'db.system': 'postgresql', 'org.engine': target.engine, 'org.replica': target.replica, ...extra };
}

/**
 * Runs one statement under a client span named by its operation, with the parameterised SQL text (no
 * values: they are bound separately) and, for prepared statements, the statement name.
 */
export async function traceStatement<T>(
  tracer: DatabaseTracer | undefined,
  target: StatementTarget,
  text: string,
  run: () => Promise<T>,
  statementName?: string,
): Promise<T> {
  if (!tracer) return run();
  const operation = operationOf(text);
  const span = tracer.startSpan(`db ${operation}`, {
    kind: CLIENT,
    attributes: attributes(target, {
      'db.operation.name': operation,
      'db.query.text': text.length > 2000 ? `${text.slice(0, 2000)}…` : text,
      ...(statementName ? { 'db.statement.name': statementName } : {}),
    }),
  });
  return finish(span, run);
}

/** Runs a transaction attempt under an active span, so its statements' spans are its children. */
export function traceTransaction<T>(tracer: DatabaseTracer | undefined, target: StatementTarget, attempt: number, run: () => Promise<T>): Promise<T> {
  if (!tracer) return run();
  return tracer.startActiveSpan('db transaction', { kind: CLIENT, attributes: attributes(target, { 'org.transaction.attempt': attempt }) }, (span) =>
    finish(span, run),
  );
}

async function finish<T>(span: DatabaseSpan, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    span.setStatus({ code: ERROR, message: errorCode(error) });
    span.setAttribute('error.type', errorCode(error));
    throw error;
  } finally {
    span.end();
  }
}
