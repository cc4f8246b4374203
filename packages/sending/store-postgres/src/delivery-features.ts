import type { Delivery, QueueDepth, TokenGrant, TokenRequest } from '@hookwire/sender';
import { DELIVERY_COLUMNS, type DeliveryRow, deliveryFromRow } from '@hookwire/sender/store-kit';

/**
 * The statements of schema version 4: ordered subscriptions (the oldest pending delivery of each,
 * through a partial index), rate-limit buckets (GCRA, one row per subscription, updated in one
 * statement for a whole batch) and the queue-depth metric. `s` is the quoted schema name.
 */
export function featureStatements(s: string) {
  // For one bucket: tokens available at $5 (now), from the stored theoretical arrival time.
  const available = `greatest(0, floor(($5 + excluded.tolerance_ms - greatest(r.tat, $5)) / excluded.interval_ms)::integer + 1)`;
  return {
    firstPending: `SELECT d.* FROM unnest($1::text[]) AS w(subscription_id)
      CROSS JOIN LATERAL (
        SELECT ${DELIVERY_COLUMNS} FROM ${s}.deliveries
        WHERE subscription_id = w.subscription_id AND status = 'pending' ORDER BY id LIMIT 1) d`,
    promote: `UPDATE ${s}.deliveries SET next_attempt_at = $2
      WHERE id = $1 AND status = 'pending' AND lease_token IS NULL AND next_attempt_at > $2`,
    // A new bucket starts full; an existing one is read and written under its row lock, so
    // workers on any number of machines share it. `granted` of the proposed row carries at most
    // what a full bucket holds, which is also the most any bucket can grant.
    takeTokens: `INSERT INTO ${s}.rate_limits AS r (key, tat, granted, interval_ms, tolerance_ms)
      SELECT t.key, $5 + g.n * t.iv, g.n, t.iv, t.tol
      FROM unnest($1::text[], $2::float8[], $3::float8[], $4::integer[]) AS t(key, iv, tol, wanted)
      CROSS JOIN LATERAL (SELECT least(t.wanted, floor(t.tol / t.iv)::integer + 1) AS n) g
      ON CONFLICT (key) DO UPDATE SET
        granted = least(excluded.granted, ${available}),
        tat = greatest(r.tat, $5) + excluded.interval_ms * least(excluded.granted, ${available}),
        interval_ms = excluded.interval_ms, tolerance_ms = excluded.tolerance_ms
      RETURNING key, granted, tat`,
    depth: `SELECT count(*) FILTER (WHERE next_attempt_at <= $1)::integer AS due,
        count(*) FILTER (WHERE next_attempt_at > $1 AND lease_token IS NULL)::integer AS scheduled
      FROM ${s}.deliveries WHERE status = 'pending'`,
  };
}

export type FeatureStatements = ReturnType<typeof featureStatements>;

type Run = <R extends object>(name: keyof FeatureStatements, values: unknown[]) => Promise<R[]>;

export class PostgresDeliveryFeatures {
  constructor(private readonly run: Run) {}

  async firstPendingDeliveries(subscriptionIds: readonly string[]): Promise<Delivery[]> {
    if (subscriptionIds.length === 0) return [];
    const rows = await this.run<DeliveryRow>('firstPending', [[...new Set(subscriptionIds)]]);
    return rows.map(deliveryFromRow);
  }

  async promote(deliveryId: string, now: number): Promise<void> {
    await this.run('promote', [deliveryId, now]);
  }

  async takeTokens(requests: readonly TokenRequest[], now: number): Promise<TokenGrant[]> {
    if (requests.length === 0) return [];
    // Keys in one order, so two batches never wait on each other's rows in a cycle.
    const sorted = [...requests].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const interval = (r: TokenRequest) => 1000 / r.perSecond;
    const tolerance = (r: TokenRequest) => (Math.max(1, r.burst) - 1) * interval(r);
    const rows = await this.run<{ key: string; granted: number; tat: number }>('takeTokens', [
      sorted.map((r) => r.key),
      sorted.map(interval),
      sorted.map(tolerance),
      sorted.map((r) => r.count),
      now,
    ]);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return requests.map((request) => {
      const row = byKey.get(request.key);
      if (!row) return { granted: 0, retryInMs: interval(request) };
      const retryInMs =
        row.granted < request.count ? Math.max(0, Number(row.tat) - tolerance(request) - now) : 0;
      return { granted: row.granted, retryInMs };
    });
  }

  async depth(now: number): Promise<QueueDepth> {
    const [row] = await this.run<{ due: number; scheduled: number }>('depth', [now]);
    return { due: row?.due ?? 0, scheduled: row?.scheduled ?? 0 };
  }
}
