import type { Delivery, PruneResult, QueueDepth, TokenGrant, TokenRequest } from '@hookwire/sender';
import { DELIVERY_COLUMNS, type DeliveryRow, deliveryFromRow, gcra } from '@hookwire/sender/store-kit';
import type Database from 'better-sqlite3';

/** Rows deleted per transaction by retention: short enough that deliveries never wait long. */
const PRUNE_BATCH = 500;

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * What the SQLite store adds for ordered subscriptions, rate limits, retention and the queue-depth
 * metric (schema version 4).
 */
export class SqliteDeliveryFeatures {
  private readonly sql;

  constructor(private readonly db: Database.Database) {
    this.sql = {
      // The partial index deliveries_pending_by_subscription makes each look-up one index seek.
      firstPending: db.prepare<[string], DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id IN (
           SELECT (SELECT id FROM deliveries WHERE subscription_id = j.value AND status = 'pending' ORDER BY id LIMIT 1)
           FROM json_each(?) j)`,
      ),
      promote: db.prepare(
        `UPDATE deliveries SET next_attempt_at = @now
         WHERE id = @id AND status = 'pending' AND lease_token IS NULL AND next_attempt_at > @now`,
      ),
      bucket: db.prepare<[string], { tat: number }>('SELECT tat FROM rate_limits WHERE key = ?'),
      putBucket: db.prepare(
        'INSERT INTO rate_limits (key, tat) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET tat = excluded.tat',
      ),
      depth: db.prepare<{ now: number }, { due: number | null; scheduled: number | null }>(
        `SELECT sum(next_attempt_at <= @now) AS due,
                sum(next_attempt_at > @now AND lease_token IS NULL) AS scheduled
         FROM deliveries WHERE status = 'pending'`,
      ),
      pruneAttempts: db.prepare(
        `DELETE FROM attempts WHERE rowid IN (SELECT rowid FROM attempts WHERE started_at < ? LIMIT ${PRUNE_BATCH})`,
      ),
      oldEvents: db.prepare<[number], { scope: string; id: string }>(
        `SELECT scope, id FROM events e WHERE created_at < ? AND NOT EXISTS (
           SELECT 1 FROM deliveries d WHERE d.event_scope = e.scope AND d.event_id = e.id AND d.status = 'pending')
         LIMIT ${PRUNE_BATCH}`,
      ),
      eventAttempts: db.prepare(
        `DELETE FROM attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE event_scope = ? AND event_id = ?)`,
      ),
      eventDeliveries: db.prepare('DELETE FROM deliveries WHERE event_scope = ? AND event_id = ?'),
      event: db.prepare('DELETE FROM events WHERE scope = ? AND id = ?'),
    };
  }

  firstPendingDeliveries(subscriptionIds: readonly string[]): Delivery[] {
    if (subscriptionIds.length === 0) return [];
    return this.sql.firstPending.all(JSON.stringify([...new Set(subscriptionIds)])).map(deliveryFromRow);
  }

  promote(deliveryId: string, now: number): void {
    this.sql.promote.run({ id: deliveryId, now });
  }

  /** One transaction for the batch: processes sharing the file share the buckets. */
  takeTokens(requests: readonly TokenRequest[], now: number): TokenGrant[] {
    return this.db
      .transaction(() =>
        requests.map((request) => {
          const step = gcra(this.sql.bucket.get(request.key)?.tat ?? 0, now, request);
          this.sql.putBucket.run(request.key, step.tat);
          return { granted: step.granted, retryInMs: step.retryInMs };
        }),
      )
      .immediate();
  }

  depth(now: number): QueueDepth {
    const row = this.sql.depth.get({ now })!;
    return { due: row.due ?? 0, scheduled: row.scheduled ?? 0 };
  }

  /**
   * Deletes attempts started before `before`, and events created before it whose deliveries are
   * all finished, with those deliveries and their attempts: a short transaction per batch, and
   * a turn of the event loop between batches, so deliveries go on meanwhile.
   */
  async prune(before: number): Promise<PruneResult> {
    const result: PruneResult = { attempts: 0, deliveries: 0, events: 0 };
    for (;;) {
      const deleted = this.sql.pruneAttempts.run(before).changes;
      result.attempts += deleted;
      if (deleted < PRUNE_BATCH) break;
      await nextTick();
    }
    for (;;) {
      // Chosen inside the write transaction: no delivery can become pending in between.
      const found = this.db
        .transaction(() => {
          const old = this.sql.oldEvents.all(before);
          for (const { scope, id } of old) {
            result.attempts += this.sql.eventAttempts.run(scope, id).changes;
            result.deliveries += this.sql.eventDeliveries.run(scope, id).changes;
            result.events += this.sql.event.run(scope, id).changes;
          }
          return old.length;
        })
        .immediate();
      if (found < PRUNE_BATCH) break;
      await nextTick();
    }
    return result;
  }
}
