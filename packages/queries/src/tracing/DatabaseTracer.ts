/**
 * The part of an OpenTelemetry `Tracer` the data layer uses, stated structurally so `@opentelemetry/api`
 * stays optional: pass `trace.getTracer('my-app')` (or anything with the same two methods).
 *
 * @example
 * import { trace } from '@opentelemetry/api';
 * const database = createDatabase({ url, tracer: trace.getTracer('api') });
 */
export interface DatabaseTracer {
  startSpan(name: string, options?: { attributes?: Record<string, string | number | boolean>; kind?: number }): DatabaseSpan;
  startActiveSpan<T>(name: string, options: { attributes?: Record<string, string | number | boolean>; kind?: number }, fn: (span: DatabaseSpan) => T): T;
}

/** The part of an OpenTelemetry `Span` the data layer uses. */
export interface DatabaseSpan {
  setAttribute(key: string, value: string | number | boolean): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}
