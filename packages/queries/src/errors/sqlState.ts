/**
 * The SQLSTATE codes the data layer maps to its own error classes.
 *
 * @example
 * if (error.sqlState === SQL_STATE.lockNotAvailable) retryLater();
 */
export const SQL_STATE = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  notNullViolation: '23502',
  checkViolation: '23514',
  exclusionViolation: '23P01',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  lockNotAvailable: '55P03',
  queryCanceled: '57014',
  adminShutdown: '57P01',
  crashShutdown: '57P02',
  cannotConnectNow: '57P03',
  connectionException: '08000',
  connectionDoesNotExist: '08003',
  connectionFailure: '08006',
  insufficientPrivilege: '42501',
} as const;

/** One of {@link SQL_STATE}'s codes. */
export type SqlState = (typeof SQL_STATE)[keyof typeof SQL_STATE];
