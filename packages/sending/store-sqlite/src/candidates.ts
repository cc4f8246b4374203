import type { PayloadFilter, SubscriptionCandidate } from '@hookwire/sender';
import type Database from 'better-sqlite3';

/** Index rows read between two yields to the event loop. */
const CHUNK = 500;
/** Distinct payload filters of one event filter asked about at most; past that, every row is read. */
const MAX_DISTINCT_FILTERS = 1000;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One run of index rows in subscription-id order: `(after, limit)` reads the next chunk. */
type Range = (after: string, limit: number) => SubscriptionCandidate[];

/**
 * The lean look-up of publish (`SenderStore.findCandidates`): the matching index rows alone carry
 * the subscription id, its tenant and its payload filter (JSON text, schema version 5), so no
 * document is read or parsed. Each row is the candidate itself (`filter` null when it has none).
 *
 * Rows are read a range at a time in subscription-id order, a chunk per statement (keyset:
 * `subscription_id > last`), yielding in between: 10,000 rows at once would hold the event loop
 * for many milliseconds. For a tenant's publish with `accepts`, the ranges are the rows without a
 * payload filter and the rows of each distinct filter the event passes (asked once per distinct
 * filter, through `subscription_filters_by_payload`): 10,000 subscriptions of which 1 % match
 * cost about a hundred rows, not ten thousand.
 */
export class CandidateReader {
  private readonly ofTenant: Database.Statement;
  private readonly ofEveryTenant: Database.Statement;
  private readonly distinctFilters: Database.Statement;
  private readonly withoutFilter: Database.Statement;
  private readonly withFilter: Database.Statement;

  constructor(db: Database.Database) {
    // `LIMIT +?` keeps SQLite from recompiling on every call (see delivery-path.ts).
    // (tenant, filter) then subscription_id: the partial index subscription_filters_by_tenant in
    // its own order, no sort (named: the planner would take the covering index by payload filter,
    // whose order needs a sort). A broadcast reads the primary key (filter, subscription_id).
    this.ofTenant = db.prepare(
      `SELECT subscription_id AS id, tenant, payload_filter AS filter
       FROM subscription_filters INDEXED BY subscription_filters_by_tenant
       WHERE tenant = ? AND filter = ? AND disabled = 0 AND subscription_id > ?
       ORDER BY subscription_id LIMIT +?`,
    );
    this.ofEveryTenant = db.prepare(
      `SELECT subscription_id AS id, tenant, payload_filter AS filter FROM subscription_filters
       WHERE filter = ? AND disabled = 0 AND subscription_id > ?
       ORDER BY subscription_id LIMIT +?`,
    );
    // (tenant, filter, payload_filter) then subscription_id: subscription_filters_by_payload.
    this.distinctFilters = db
      .prepare(
        `SELECT DISTINCT payload_filter FROM subscription_filters
         WHERE tenant = ? AND filter = ? AND disabled = 0 AND payload_filter IS NOT NULL LIMIT +?`,
      )
      .pluck();
    this.withoutFilter = db.prepare(
      `SELECT subscription_id AS id, tenant, payload_filter AS filter FROM subscription_filters
       WHERE tenant = ? AND filter = ? AND disabled = 0 AND payload_filter IS NULL AND subscription_id > ?
       ORDER BY subscription_id LIMIT +?`,
    );
    this.withFilter = db.prepare(
      `SELECT subscription_id AS id, tenant, payload_filter AS filter FROM subscription_filters
       WHERE tenant = ? AND filter = ? AND disabled = 0 AND payload_filter = ? AND subscription_id > ?
       ORDER BY subscription_id LIMIT +?`,
    );
  }

  async find(
    filters: readonly string[],
    tenant?: string,
    limit = Number.POSITIVE_INFINITY,
    accepts?: (filter: PayloadFilter | string) => boolean,
  ): Promise<SubscriptionCandidate[]> {
    const ranges: Range[] = [];
    for (const filter of filters) {
      if (tenant === undefined) {
        ranges.push((after, n) => this.ofEveryTenant.all(filter, after, n) as SubscriptionCandidate[]);
        continue;
      }
      const texts = accepts
        ? (this.distinctFilters.all(tenant, filter, MAX_DISTINCT_FILTERS + 1) as string[])
        : undefined;
      if (!texts || texts.length > MAX_DISTINCT_FILTERS) {
        ranges.push((after, n) => this.ofTenant.all(tenant, filter, after, n) as SubscriptionCandidate[]);
        continue;
      }
      ranges.push((after, n) => this.withoutFilter.all(tenant, filter, after, n) as SubscriptionCandidate[]);
      for (const text of texts) {
        if (!accepts!(text)) continue;
        ranges.push(
          (after, n) => this.withFilter.all(tenant, filter, text, after, n) as SubscriptionCandidate[],
        );
      }
    }
    return this.read(ranges, limit);
  }

  private async read(ranges: readonly Range[], limit: number): Promise<SubscriptionCandidate[]> {
    const found: SubscriptionCandidate[] = [];
    // A subscription registered under two of the filters (`*` and `order.*`) comes up twice:
    // ids are remembered only once a second range has rows.
    let seen: Set<string> | undefined;
    let rangesWithRows = 0;
    let sinceYield = 0;
    for (const range of ranges) {
      let after = '';
      let hadRows = false;
      while (found.length < limit) {
        if (sinceYield >= CHUNK) {
          await yieldToEventLoop();
          sinceYield = 0;
        }
        const rows = range(after, CHUNK);
        if (rows.length === 0) break;
        sinceYield += rows.length;
        if (!hadRows) {
          hadRows = true;
          if (++rangesWithRows === 2) seen = new Set(found.map((c) => c.id));
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
