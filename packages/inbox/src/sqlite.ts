export { createSqliteInboxStore, SqliteInboxStore, type SqliteInboxStoreOptions } from './sqlite/store.js';
