import { ValidationError } from '../errors/errors.ts';

/** The optional `schema` filter of the monitoring reads: a non-empty string (bound as a parameter, never spliced). */
export function checkSchemaOption(schema: unknown): string | null {
  if (schema === undefined) return null;
  if (typeof schema !== 'string' || schema.trim() === '' || schema.length > 63) {
    throw new ValidationError('schema must be a non-empty schema name of at most 63 characters');
  }
  return schema;
}
