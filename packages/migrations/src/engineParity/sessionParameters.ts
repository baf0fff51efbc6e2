/**
 * Session parameters every @org postgres.js client sends at connect (`connection` in postgres.js
 * options): `@org/queries`' createDatabase and `@org/testing`'s fixtures alike. PGlite's sessions run
 * in UTC; pinned on PostgreSQL too, timestamps print (`::text`, string-mode columns) and truncate
 * (`date_trunc`, `::date`) alike whatever the server's or role's TimeZone setting.
 *
 * @example
 * const sql = postgres(url, { connection: { ...PARITY_SESSION_PARAMETERS, application_name: 'app' } });
 */
export const PARITY_SESSION_PARAMETERS: Readonly<{ TimeZone: 'UTC' }> = Object.freeze({ TimeZone: 'UTC' });
