import type { PayloadFilter, SubscriptionCandidate } from '@hookwire/sender';
import type Database from 'better-sqlite3';

/** Index rows read between two yields to the event loop. */
const CHUNK = 500;
/** Distinct payload filters of one event filter asked about at most; past that, every row is read. */
const MAX_DISTINCT_FILTERS = 1000;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Where a look-up stands between two stretches of reading. */
interface Cursor {
  found: SubscriptionCandidate[];
  /** Ids found so far, kept once a second range has rows. */
  seen?: Set<string>;
  rangesWithRows: number;
  /** The range being read, and the last id read in it (keyset). */
  range: number;
  after: string;
  hadRows: boolean;
}

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
  /**
   * Runs a stretch of reads in one transaction: each statement on its own would take and drop
   * the file's shared lock and the WAL read lock, with `fcntl` calls each time: a third of the CPU of
   * a publish that matches three filters (33 µs, now 23 µs).
   */
  private readonly inOneRead: <T>(read: () => T) => T;

  constructor(db: Database.Database) {
    const inTransaction = db.transaction((read: () => unknown) => read());
    this.inOneRead = <T>(read: () => T) => inTransaction(read) as T;
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
    const cursor: Cursor = { found: [], rangesWithRows: 0, range: 0, after: '', hadRows: false };
    let ranges: Range[] = [];
    let more = this.inOneRead(() => {
      ranges = this.plan(filters, tenant, accepts);
      return this.readStretch(ranges, limit, cursor);
    });
    while (more) {
      await yieldToEventLoop();
      more = this.inOneRead(() => this.readStretch(ranges, limit, cursor));
    }
    return cursor.found;
  }

  private plan(
    filters: readonly string[],
    tenant: string | undefined,
    accepts: ((filter: PayloadFilter | string) => boolean) | undefined,
  ): Range[] {
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
    return ranges;
  }

  /**
   * Reads on from `cursor` until about `CHUNK` rows were read (true: yield, then go on) or every
   * range is read or `limit` candidates are found (false).
   */
  private readStretch(ranges: readonly Range[], limit: number, cursor: Cursor): boolean {
    let read = 0;
    while (cursor.range < ranges.length && cursor.found.length < limit) {
      if (read >= CHUNK) return true;
      const rows = ranges[cursor.range]!(cursor.after, CHUNK);
      read += rows.length;
      if (rows.length > 0 && !cursor.hadRows) {
        cursor.hadRows = true;
        // A subscription registered under two of the filters (`*` and `order.*`) comes up twice:
        // ids are remembered only once a second range has rows.
        if (++cursor.rangesWithRows === 2) cursor.seen = new Set(cursor.found.map((c) => c.id));
      }
      for (const row of rows) {
        if (cursor.seen) {
          if (cursor.seen.has(row.id)) continue;
          cursor.seen.add(row.id);
        }
        cursor.found.push(row);
        if (cursor.found.length >= limit) break;
      }
      if (rows.length < CHUNK) {
        cursor.range++;
        cursor.after = '';
        cursor.hadRows = false;
      } else cursor.after = rows[rows.length - 1]!.id;
    }
    return false;
  }
}
