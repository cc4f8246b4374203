import type { AttemptRecord, DeliveryJob, StoredEvent, Subscription } from '@hookwire/sender';
import { type DeliveryRow, deliveryFromRow, eventFromRow } from '@hookwire/sender/store-kit';
import type Database from 'better-sqlite3';

/** A row of `loadJobs` as an array (column order of the SELECT below). */
type JobRow = [
  ...delivery: [
    id: string,
    eventId: string,
    subscriptionId: string,
    tenant: string,
    eventType: string,
    status: DeliveryRow['status'],
    attempts: number,
    nextAttemptAt: number,
    leaseToken: string | null,
    lastStatus: number | null,
    lastError: string | null,
    createdAt: number,
    updatedAt: number,
  ],
  eventTenant: string | null,
  eventType: string,
  eventData: string,
  eventCreatedAt: number,
  eventTraceparent: string | null,
  subscriptionDoc: string | null,
];

/**
 * Every `LIMIT` bound as a parameter is written `LIMIT +?`: SQLite (3.4x and later) plans with the
 * value bound to a plain `LIMIT ?` and so recompiles the statement each time it is bound again,
 * which cost more than the claim itself. The unary plus keeps the value out of the plan.
 */
const CLAIM = `UPDATE deliveries SET lease_token = ?, next_attempt_at = ?
  WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? %SKIP%
               ORDER BY next_attempt_at LIMIT +?)
  RETURNING id`;

/**
 * The statements a delivery goes through on its way out (claim, load, record the outcome), kept
 * lean: rows come back as arrays or single values rather than objects (better-sqlite3 builds a
 * named object per row, which costs more than the row's B-tree work here) and parameters are
 * bound by position.
 */
export class DeliveryPath {
  private readonly claimAll: Database.Statement<[string, number, number, number], string>;
  private readonly claimSkipping: Database.Statement<[string, number, number, string, number], string>;
  private readonly loadRows: Database.Statement<[string], JobRow>;
  private readonly recordOutcome: Database.Statement<
    [string, number, number, number | null, string | null, number, string, string | null, string | null],
    string
  >;
  private readonly insertAttempt: Database.Statement<
    [string, string, number, number, number, number | null, string | null, string | null, string]
  >;

  constructor(db: Database.Database) {
    this.claimAll = db.prepare<[string, number, number, number], string>(CLAIM.replace('%SKIP%', '')).pluck();
    this.claimSkipping = db
      .prepare<[string, number, number, string, number], string>(
        CLAIM.replace('%SKIP%', 'AND subscription_id NOT IN (SELECT value FROM json_each(?))'),
      )
      .pluck();
    this.loadRows = db
      .prepare<[string], JobRow>(
        `SELECT d.id, d.event_id, d.subscription_id, d.tenant, d.event_type, d.status, d.attempts, d.next_attempt_at,
                d.lease_token, d.last_status, d.last_error, d.created_at, d.updated_at,
                e.tenant, e.type, e.data, e.created_at, e.traceparent, s.doc
         FROM deliveries d JOIN events e ON e.scope = d.event_scope AND e.id = d.event_id
           LEFT JOIN subscriptions s ON s.id = d.subscription_id
         WHERE d.id IN (SELECT value FROM json_each(?))`,
      )
      .raw(true);
    // RETURNING hands the attempt its subscription without a second look-up of the delivery.
    this.recordOutcome = db
      .prepare<
        [string, number, number, number | null, string | null, number, string, string | null, string | null],
        string
      >(
        `UPDATE deliveries SET status = ?, next_attempt_at = ?, attempts = attempts + ?,
           last_status = ?, last_error = ?, updated_at = ?, lease_token = NULL
         WHERE id = ? AND (? IS NULL OR lease_token = ?)
         RETURNING subscription_id`,
      )
      .pluck();
    this.insertAttempt = db.prepare(
      `INSERT INTO attempts (id, delivery_id, attempt, started_at, duration_ms, status, error, response_excerpt, subscription_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Leases up to `limit` due deliveries under `token`; their ids. */
  claim(token: string, until: number, now: number, limit: number, skip?: readonly string[]): string[] {
    return skip?.length
      ? this.claimSkipping.all(token, until, now, JSON.stringify(skip), limit)
      : this.claimAll.all(token, until, now, limit);
  }

  /** Deliveries with their event and subscription; one parsed event and subscription per batch. */
  jobs(deliveryIds: readonly string[]): DeliveryJob[] {
    const subscriptions = new Map<string, Subscription>();
    // One parsed event per event of the batch (the sender only reads it): its subscribers share it.
    const events = new Map<string, StoredEvent>();
    return this.loadRows.all(JSON.stringify(deliveryIds)).map((row) => {
      const eventKey = `${row[13] ?? ''}\u0000${row[1]}`;
      let event = events.get(eventKey);
      if (!event) {
        event = eventFromRow({
          id: row[1],
          tenant: row[13],
          type: row[14],
          data: JSON.parse(row[15]),
          created_at: row[16],
          traceparent: row[17],
        });
        events.set(eventKey, event);
      }
      const delivery = deliveryFromRow({
        id: row[0],
        event_id: row[1],
        subscription_id: row[2],
        tenant: row[3],
        event_type: row[4],
        status: row[5],
        attempts: row[6],
        next_attempt_at: row[7],
        lease_token: row[8],
        last_status: row[9],
        last_error: row[10],
        created_at: row[11],
        updated_at: row[12],
      });
      const job: DeliveryJob = { delivery, event };
      const doc = row[18];
      if (doc !== null) {
        let subscription = subscriptions.get(row[2]);
        if (!subscription) {
          subscription = JSON.parse(doc) as Subscription;
          subscriptions.set(row[2], subscription);
        }
        job.subscription = subscription;
      }
      return job;
    });
  }

  /** Stores outcomes in order (call inside a transaction); false where the lease no longer held. */
  record(records: readonly AttemptRecord[]): boolean[] {
    return records.map((record) => {
      const subscriptionId = this.recordOutcome.get(
        record.status,
        record.nextAttemptAt,
        record.attempt ? 1 : 0,
        record.lastStatus ?? null,
        record.lastError ?? null,
        record.updatedAt,
        record.deliveryId,
        record.leaseToken ?? null,
        record.leaseToken ?? null,
      );
      if (subscriptionId === undefined) return false;
      const a = record.attempt;
      if (a) {
        this.insertAttempt.run(
          a.id,
          a.deliveryId,
          a.attempt,
          a.startedAt,
          a.durationMs,
          a.status ?? null,
          a.error ?? null,
          a.responseExcerpt ?? null,
          subscriptionId,
        );
      }
      return true;
    });
  }
}
