import { isSenderError, type PublishInput } from '@hookwire/sender';
import pg from 'pg';
import { DATABASE_NOW_MS } from './statements.js';

/** What the relay hands each entry to: the sender's `publish`, e.g. `(input) => sender.publish(input)`. */
export type PublishFunction = (input: PublishInput) => Promise<unknown>;

export interface OutboxRelayOptions {
  /** How often the outbox is read without a notification (default 1000 ms). */
  pollIntervalMs?: number;
  /** Entries taken at once (default 100). */
  batchSize?: number;
  /** An entry taken by a relay that died is taken again after this time (default 30 s). */
  claimMs?: number;
}

export interface RelayContext extends OutboxRelayOptions {
  pool: pg.Pool;
  ready: Promise<void>;
  schema: string;
  channel: string;
  publish: PublishFunction;
  onError: (error: unknown) => void;
}

interface OutboxRow {
  seq: string;
  id: string;
  tenant: string;
  type: string;
  data: unknown;
}

/**
 * Moves committed outbox entries into the sender. Any number of relays (processes) may run: an
 * entry is taken under a short claim (SKIP LOCKED, no transaction held while publishing, so the
 * relay never waits on its own pool), published, then deleted. `sender.publish` is idempotent on
 * the event id within a tenant, so an entry published twice (a relay died before deleting it) is
 * stored once. An entry the sender refuses (unknown event type, invalid data, a limit) stays in
 * the outbox with its `error`, for the operator, and is not retried.
 */
export class OutboxRelay {
  private running = false;
  private listener: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private reconnect: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: RelayContext) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    this.timer = setInterval(() => void this.wake(), this.ctx.pollIntervalMs ?? 1000);
    this.timer.unref();
    void this.wake();
  }

  /** Reads the outbox now (what a notification does); resolves when this pass is done. */
  wake(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.drain()
      .catch((error) => {
        if (this.running) this.ctx.onError(error);
      })
      .finally(() => {
        this.draining = undefined;
        if (this.again && this.running) {
          this.again = false;
          void this.wake();
        }
      });
    return this.draining;
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    clearTimeout(this.reconnect);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => {});
    await this.draining;
  }

  // A connection of its own, outside the pool: LISTEN holds it for the relay's whole life.
  private async listen(): Promise<void> {
    const client = new pg.Client(this.ctx.pool.options);
    try {
      await this.ctx.ready;
      client.on('error', (error) => {
        // The server went away (restart, failover): listen again on a new connection.
        if (this.listener !== client) return;
        this.listener = undefined;
        client.end().catch(() => {});
        if (this.running) this.ctx.onError(error);
        this.scheduleReconnect();
      });
      client.on('notification', () => void this.wake());
      await client.connect();
      if (!this.running) {
        await client.end();
        return;
      }
      this.listener = client;
      await client.query(`LISTEN "${this.ctx.channel}"`);
      // Entries committed while nobody listened.
      void this.wake();
    } catch (error) {
      client.end().catch(() => {});
      if (!this.running) return;
      this.ctx.onError(error);
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    clearTimeout(this.reconnect);
    this.reconnect = setTimeout(() => void this.listen(), 1000);
    this.reconnect.unref();
  }

  private async drain(): Promise<void> {
    await this.ctx.ready;
    const { schema, pool } = this.ctx;
    const batchSize = this.ctx.batchSize ?? 100;
    const claimMs = this.ctx.claimMs ?? 30_000;
    for (;;) {
      if (!this.running) return;
      const { rows } = await pool.query<OutboxRow>(
        `UPDATE ${schema}.outbox o SET claimed_until = ${DATABASE_NOW_MS} + $1
         FROM (SELECT seq FROM ${schema}.outbox WHERE error IS NULL AND claimed_until <= ${DATABASE_NOW_MS}
               ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED) c
         WHERE o.seq = c.seq RETURNING o.seq, o.id, o.tenant, o.type, o.data`,
        [claimMs, batchSize],
      );
      if (rows.length === 0) return;
      const done: string[] = [];
      let failure: unknown;
      await Promise.all(
        rows.map(async (row) => {
          try {
            await this.ctx.publish({
              id: row.id,
              type: row.type,
              data: row.data,
              tenant: row.tenant,
            });
            done.push(row.seq);
          } catch (error) {
            if (!isSenderError(error)) {
              failure ??= error;
              return;
            }
            const reason = `${error.code}: ${error.message}`;
            await pool.query(`UPDATE ${schema}.outbox SET error = $2 WHERE seq = $1`, [row.seq, reason]);
            this.ctx.onError(new Error(`Outbox entry ${row.id} was refused by the sender: ${reason}`));
          }
        }),
      );
      if (done.length > 0) {
        await pool.query(`DELETE FROM ${schema}.outbox WHERE seq = ANY($1::bigint[])`, [done]);
      }
      if (failure) {
        // Let the entries go at once rather than after their claim: the next pass retries them.
        await pool
          .query(`UPDATE ${schema}.outbox SET claimed_until = 0 WHERE seq = ANY($1::bigint[])`, [
            rows.map((row) => row.seq).filter((seq) => !done.includes(seq)),
          ])
          .catch(() => {});
        throw failure;
      }
      if (rows.length < batchSize) return;
    }
  }
}
