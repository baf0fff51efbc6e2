// PostgreSQL's SQLSTATE names: one table for both packages, kept in @org/migrations (below us in the
// dependency order, and reporting database errors too).
export { SQL_STATE_CLASSES, SQL_STATE_NAMES, sqlStateName } from '@org/migrations';
