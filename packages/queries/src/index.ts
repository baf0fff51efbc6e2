// @org/queries public entry point.

// Client.
export { createDatabase } from './client/createDatabase.ts';
export type { CreateDatabaseOptions, Database, OrgDatabase, HealthStatus } from './client/createDatabase.ts';
export type { PoolStats } from './transactions/slotPool.ts';
export type { DatabaseTracer, DatabaseSpan } from './tracing/DatabaseTracer.ts';
export { getDatabase } from './client/getDatabase.ts';
export { bindDatabase, resolveDatabase } from './binding/bindDatabase.ts';
export { DataDirLockedError } from './client/DataDirLockedError.ts';
export { createQueryLogger } from './logging/queryLogger.ts';
export type { QueryLogEntry, QueryLoggerOptions } from './logging/queryLogger.ts';
export type { OrgDb, AnyDb } from './internal/OrgDb.ts';
export { rowsOf } from './driver/resultRows.ts';
export { execute } from './internal/execute.ts';

// Monitoring: the seeds' operability queries, generic (any database), the same shapes on both engines.
export { slowestStatements } from './monitoring/slowestStatements.ts';
export type { SlowestStatements, SlowestStatementsOptions, StatementStats, StatementsUnavailableCode } from './monitoring/slowestStatements.ts';
export { indexUsage } from './monitoring/indexUsage.ts';
export type { IndexUsage } from './monitoring/indexUsage.ts';
export { tableStats } from './monitoring/tableStats.ts';
export type { TableStats } from './monitoring/tableStats.ts';
export { connectionStats } from './monitoring/connectionStats.ts';
export type { ConnectionStats, ConnectionGroup } from './monitoring/connectionStats.ts';
export type { Count } from './monitoring/count.ts';

// Errors.
export { DataLayerError, isDataLayerError } from './errors/DataLayerError.ts';
export type { DataLayerErrorCode } from './errors/DataLayerError.ts';
export {
  NotFoundError,
  ValidationError,
  IntegrityConstraintViolationError,
  UniqueViolationError,
  ForeignKeyViolationError,
  NotNullViolationError,
  CheckViolationError,
  ExclusionViolationError,
  SerializationFailureError,
  DeadlockError,
  TimeoutError,
  QueryCanceledError,
  ConnectionError,
  PermissionDeniedError,
  ConflictError,
  IllegalTransitionError,
  InvalidCursorError,
  TooManyRowsError,
  TransactionScopeError,
  TransactionAbortedError,
  DatabaseBindingEndedError,
  ConfigurationError,
  DatabaseError,
} from './errors/errors.ts';
export type { ConstraintDetails } from './errors/errors.ts';
export { toDataLayerError } from './errors/toDataLayerError.ts';
export { mapDatabaseError, isDatabaseError } from './errors/mapDatabaseError.ts';
export { SQL_STATE } from './errors/sqlState.ts';
export type { SqlState } from './errors/sqlState.ts';
export { sqlStateName } from './errors/sqlStateNames.ts';

// Transactions and scoping.
export { transaction } from './transactions/transaction.ts';
export type { TransactionOptions } from './transactions/transaction.ts';
export { withUserScope } from './scoped/withUserScope.ts';
export type { UserScopeOptions } from './scoped/withUserScope.ts';
export { readUserScopeKey } from './scoped/readUserScopeKey.ts';

// Repositories.
export { createRepository } from './repository/createRepository.ts';
export type { Repository, RepositoryBase, SoftDeleteCapability } from './repository/Repository.ts';
export type {
  RepositoryOptions,
  ReadOptions,
  KeysetPage,
  OffsetPage,
  UpsertOptions,
  FindManyOptions,
  PaginateOptions,
  PageOptions,
} from './repository/options.ts';
export type { Filter, FilterOperators, ComparisonOperators, TextOperators, ArrayOperators, JsonOperators } from './repository/filters.ts';
export { MAX_FILTER_DEPTH, MAX_FILTER_LIST } from './repository/filters.ts';
export { MAX_SORT_KEYS } from './repository/sorting.ts';
export type { SortKey, SortDirection } from './repository/sorting.ts';
export type { ColumnKey, ScopeOptions, SoftDeleteScope } from './repository/types.ts';
export { MAX_PARAMETERS } from './repository/bulkInsert.ts';
export { MAX_PREPARED_SHAPES } from './repository/preparedCache.ts';

// The @org domain.
export { createOrgRepositories, orgRepositoriesFor } from './domain/orgRepositories.ts';
export type { OrgRepositories } from './domain/orgRepositories.ts';
export { writeAuditLog } from './domain/audit.ts';
export type { AuditEntry } from './domain/audit.ts';
export {
  getLeadStats,
  getQualifiedLeadsWithPartners,
  getLeadByEmail,
  createLeadWithEvents,
  searchLeads,
  findMatchingPartners,
  matchLeadToPartner,
} from './domain/leads.ts';
export type { LeadStats } from './domain/leads.ts';
export {
  getProjectWithLatestConversation,
  listProjectsByUser,
  createProjectWithConversation,
  transferProject,
  getProjectStats,
  searchProjects,
} from './domain/projects.ts';
export {
  createCampaignWithJob,
  getJobWithResults,
  transitionJob,
  recordJobProgress,
  saveJobResults,
  getAllCreatorsForJob,
} from './domain/campaigns.ts';
export { startTrial, expireTrials, convertTrial } from './domain/trials.ts';
export { isAdmin, promoteToAdmin, listAdmins } from './domain/admins.ts';
export {
  upsertUserByEmail,
  rotateRefreshToken,
  setUserPreference,
  createUserWithSession,
  getUserWithRecentSessions,
  deleteInactiveSessions,
  getUserSessionStats,
} from './domain/users.ts';
export type { JsonValue } from './domain/users.ts';
export { findUserByExternalId, getUserByExternalId, upsertUserByExternalId } from './domain/externalIdentity.ts';
export type { ExternalIdentity } from './domain/externalIdentity.ts';
export { getConfig, setConfig, listConfigs, parseConfigValue, parseDuration } from './domain/configuration.ts';
export type { ConfigValue } from './domain/configuration.ts';
export { captureEmail, recordConvertkitSync, listPendingConvertkitSync, recordWizardStep } from './domain/marketing.ts';
export { getMigrationStatus } from './domain/operations.ts';
