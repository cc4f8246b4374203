import { WebhookConfigError } from '@hookwire/core';
import type { ConnectionOptions } from 'bullmq';

/**
 * Redis connection settings from `redis://[user:password@]host[:port][/db]` (`rediss://` for TLS),
 * or ioredis options / an ioredis instance as BullMQ takes them.
 */
export function toConnection(connection: string | ConnectionOptions): ConnectionOptions {
  if (typeof connection !== 'string') return connection;
  let url: URL;
  try {
    url = new URL(connection);
  } catch {
    throw new WebhookConfigError('createBullmqQueue: `connection` is not a valid redis:// URL.');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new WebhookConfigError(
      `createBullmqQueue: \`connection\` must be a redis:// or rediss:// URL, not ${url.protocol}`,
    );
  }
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db))
    throw new WebhookConfigError('createBullmqQueue: the database in the Redis URL must be a number.');
  return {
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
