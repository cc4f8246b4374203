import type { SubscriptionCandidate } from '@hookwire/sender';
import type Database from 'better-sqlite3';

/** Index rows read between two yields to the event loop. */
const CHUNK = 500;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The lean look-up of publish (`SenderStore.findCandidates`): the matching index rows alone carry
 * the subscription id, its tenant and its payload filter (JSON text, schema version 5), so no
 * document is read or parsed. Read per event filter in subscription-id order, a chunk at a time
 * (keyset: `subscription_id > last`), yielding in between: 10,000 rows at once would hold the
 * event loop for many milliseconds. Each row is the candidate itself (one object per subscription;
 * `filter` is null when it has none).
 */
export class CandidateReader {
  private readonly ofTenant: Database.Statement;
  private readonly ofEveryTenant: Database.Statement;

  constructor(db: Database.Database) {
    // (tenant, filter) then subscription_id: the partial index subscription_filters_by_tenant in
    // its own order, no sort. A broadcast reads the primary key (filter, subscription_id).
    this.ofTenant = db.prepare(
      `SELECT subscription_id AS id, tenant, payload_filter AS filter FROM subscription_filters
         WHERE tenant = ? AND filter = ? AND disabled = 0 AND subscription_id > ?
         ORDER BY subscription_id LIMIT ?`,
    );
    this.ofEveryTenant = db.prepare(
      `SELECT subscription_id AS id, tenant, payload_filter AS filter FROM subscription_filters
         WHERE filter = ? AND disabled = 0 AND subscription_id > ?
         ORDER BY subscription_id LIMIT ?`,
    );
  }

  async find(
    filters: readonly string[],
    tenant?: string,
    limit = Infinity,
  ): Promise<SubscriptionCandidate[]> {
    const found: SubscriptionCandidate[] = [];
    // A subscription registered under two of the filters (`*` and `order.*`) comes up twice:
    // ids are remembered only once a second filter has rows.
    let seen: Set<string> | undefined;
    let filtersWithRows = 0;
    let sinceYield = 0;
    for (const filter of filters) {
      let after = '';
      let hadRows = false;
      while (found.length < limit) {
        if (sinceYield >= CHUNK) {
          await yieldToEventLoop();
          sinceYield = 0;
        }
        const rows = (
          tenant === undefined
            ? this.ofEveryTenant.all(filter, after, CHUNK)
            : this.ofTenant.all(tenant, filter, after, CHUNK)
        ) as SubscriptionCandidate[];
        if (rows.length === 0) break;
        sinceYield += rows.length;
        if (!hadRows) {
          hadRows = true;
          if (++filtersWithRows === 2) seen = new Set(found.map((c) => c.id));
        }
        for (const row of rows) {
          if (seen) {
            if (seen.has(row.id)) continue;
            seen.add(row.id);
          }
          found.push(row);
          if (found.length >= limit) break;
        }
        if (rows.length < CHUNK) break;
        after = rows[rows.length - 1]!.id;
      }
    }
    return found;
  }
}
