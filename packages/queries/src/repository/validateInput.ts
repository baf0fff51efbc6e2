import type { z } from 'zod';
import { ValidationError } from '../errors/errors.ts';
import type { WriteIssue } from './writableColumns.ts';

/**
 * Parses input with a zod schema (when the repository has one) before any SQL runs, together with the
 * problems the table's own limits found; any problem is a {@link ValidationError} listing them all by
 * path. Issues carry paths and rules, never the rejected values.
 */
export function validateInput<T>(schema: z.ZodType | undefined, input: T, what: string, found: readonly WriteIssue[] = []): T {
  const issues: WriteIssue[] = [...found];
  let output = input;
  if (schema) {
    const result = schema.safeParse(input);
    if (result.success) output = result.data as T;
    else issues.push(...result.error.issues.map((i) => ({ path: [...i.path], message: i.message, code: i.code })));
  }
  if (issues.length > 0) {
    const seen = new Set<string>();
    const unique = issues.filter((i) => {
      const key = i.path.map(String).join('.');
      return !seen.has(key) && seen.add(key);
    });
    const fields = [...new Set(unique.map((i) => i.path.map(String).join('.') || '(root)'))].join(', ');
    throw new ValidationError(`invalid ${what}: ${fields}`, unique as never);
  }
  return output;
}
