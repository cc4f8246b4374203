export {
  createPostgresInboxStore,
  PostgresInboxStore,
  type PostgresInboxStoreOptions,
} from './postgres/store.js';
