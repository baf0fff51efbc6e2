import type { MigrationClient } from '../connection/MigrationConnection.ts';
import type { SchemaDifference } from '../introspect/SchemaDifference.ts';
import type { MigrationSourceOptions } from '../run/MigrateOptions.ts';

/** Options of {@link adoptDatabase}. */
export interface AdoptOptions extends MigrationSourceOptions {
  /**
   * An empty database to build the expected schema on (left filled). Default: a new in-process PGlite.
   * Pass one on the same server when the migrations need what PGlite lacks (an extension, a role).
   */
  scratch?: MigrationClient;
  /** Let the bridge drop tables and columns the migrations do not make (else they are kept). */
  allowDrop?: boolean;
  /** How long to wait for another runner's advisory lock. Default 60 000 ms. */
  lockWaitTimeoutMs?: number;
}

/** What {@link adoptDatabase} did. */
export interface AdoptResult {
  set: string;
  /**
   * `adopted`: the database already was what the migrations produce; every file is recorded.
   * `bridged`: the folder's bridge ran and left it so; every file is recorded, in one transaction.
   * `bridge-written`: it differs; a bridge was written for review and nothing was recorded.
   * `differs`: the folder's bridge ran but the database still differs; it was rolled back, nothing recorded.
   */
  outcome: 'adopted' | 'bridged' | 'bridge-written' | 'differs';
  /** How the database differed from the migrations before anything ran (kept objects left out). */
  differences: SchemaDifference[];
  /** For `differs`: what still differed after the bridge. */
  remaining: SchemaDifference[];
  /** Migrations recorded as applied (`adopted` in the journal; the bridge that ran is recorded as run). */
  recorded: string[];
  /** The bridge written (`bridge-written`) or run (`bridged`, `differs`). */
  bridgeFile?: string;
  /** Extra tables and columns (and functions, enums, extensions) the bridge keeps. */
  kept: SchemaDifference[];
  /** What the bridge cannot do by itself (also `-- review:` comments in it). */
  review: string[];
}
