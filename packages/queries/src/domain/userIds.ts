import { z } from 'zod';
import { ValidationError } from '../errors/errors.ts';

// An @org user id is a uuid. The teams' own ids (Clerk's `user_2abc…`, claude_code's `user_123`) are
// text: passed where a uuid goes they used to reach PostgreSQL and fail there with 22P02. Every domain
// function that takes a user id checks it here first, so they fail typed, before SQL, and the message
// says how to get from an external id to the user id.
const userIdSchema = z.guid({
  message: 'must be an @org user id (a uuid); for an external id such as a Clerk id use findUserByExternalId',
});

/**
 * The ValidationError for the given user-id arguments that are not uuids (`undefined` when every one
 * is), naming the arguments, never their values. Optional ids may be `undefined`.
 *
 * @example
 * const bad = invalidUserIds({ userId }); if (bad) return Promise.reject(bad);
 */
export function invalidUserIds(ids: Record<string, unknown>, optional: readonly string[] = []): ValidationError | undefined {
  const issues: z.core.$ZodIssue[] = [];
  for (const [name, value] of Object.entries(ids)) {
    if (value === undefined && optional.includes(name)) continue;
    const result = userIdSchema.safeParse(value);
    if (!result.success) issues.push(...result.error.issues.map((i) => ({ ...i, path: [name, ...i.path] })));
  }
  if (issues.length === 0) return undefined;
  const names = [...new Set(issues.map((i) => String(i.path[0])))].join(', ');
  return new ValidationError(`${names}: not an @org user id (a uuid); resolve an external id with findUserByExternalId`, issues);
}
