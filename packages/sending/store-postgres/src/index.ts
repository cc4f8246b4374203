export type { OutboxClient } from './outbox.js';
export type { OutboxRelay, OutboxRelayOptions, PublishFunction } from './outbox-relay.js';
export { createPostgresStore, PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export type { PruneResult } from './retention.js';
export { SCHEMA_VERSION } from './schema.js';
