import type { z } from 'zod';
import { ValidationError } from '../errors/errors.ts';

/** Parses input with a zod schema before any SQL runs; failures are a {@link ValidationError}. */
export function validateInput<T>(schema: z.ZodType | undefined, input: T, what: string): T {
  if (!schema) return input;
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ');
    throw new ValidationError(`invalid ${what}: ${fields}`, result.error.issues);
  }
  return result.data as T;
}
