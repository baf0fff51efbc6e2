import type { JournalTable } from '../journal/JournalTable.ts';
import type { LockHolder } from '../journal/lockHolder.ts';

/** Options shared by {@link migrate} and {@link migrationStatus}. */
export interface MigrationSourceOptions {
  /** The migrations folder (`orgMigrationsFolder()` for @org/schema's own). Required: there is no default. */
  folder: string;
  /**
   * The name this folder's migrations are journaled under, so several folders can share one journal
   * table. Default: `@org/migrations` for `orgMigrationsFolder()`, otherwise the folder's name.
   */
  set?: string;
  /** Journal table; `public.org_migrations` by default. */
  journal?: Partial<JournalTable>;
  /** drizzle-orm's journal to adopt from; `drizzle.__drizzle_migrations` by default, `false` to ignore. */
  drizzleJournal?: Partial<JournalTable> | false;
}

/** Options of {@link migrate}. */
export interface MigrateOptions extends MigrationSourceOptions {
  /** How long to wait for another runner's advisory lock before failing. Default 60 000 ms. */
  lockWaitTimeoutMs?: number;
  /** How often to retry the advisory lock while waiting. Default 200 ms. */
  lockPollMs?: number;
  /**
   * `lock_timeout` for each migration's statements, so DDL waiting on a busy table fails fast instead
   * of queueing every query behind it. Default 5 000 ms; 0 waits forever.
   */
  ddlLockTimeoutMs?: number;
  /** `statement_timeout` for each migration's statements. Default 0 (none). */
  statementTimeoutMs?: number;
  /** Apply unapplied migrations that sort before the newest applied one instead of refusing. */
  allowOutOfOrder?: boolean;
  /** Called when the run must wait for another runner's lock, and as each migration starts and ends. */
  onProgress?: (event: MigrationProgressEvent) => void;
}

/** A progress notification of {@link migrate}. */
export type MigrationProgressEvent =
  | { type: 'lock-wait'; holder: LockHolder | undefined }
  | { type: 'start'; name: string; index: number; total: number }
  | { type: 'done'; name: string; durationMs: number };
