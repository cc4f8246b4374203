import { pickClaimable } from './claim-picker.js';
import { newLease } from './ids.js';
import { decodeCursor, encodeCursor, pageLimit } from './paging.js';
import type {
  ClaimedEvent,
  ClaimOptions,
  InboxAttempt,
  InboxEvent,
  InboxPage,
  InboxQuery,
  InboxStore,
  NewInboxEvent,
  ProcessingOutcome,
  PurgeSelector,
  RequeueResult,
} from './types.js';

interface Entry {
  seq: number;
  event: InboxEvent;
  lease?: string | undefined;
}

/** An inbox store in memory, for tests and development: nothing survives the process. */
export class MemoryInboxStore implements InboxStore {
  readonly #entries = new Map<string, Entry>();
  readonly #bySeq = new Map<number, Entry>();
  readonly #dedupe = new Map<string, string>();
  readonly #attempts = new Map<string, InboxAttempt[]>();
  #seq = 0;

  async insert(events: readonly NewInboxEvent[]): Promise<boolean[]> {
    return events.map((input) => {
      const dedupe = input.dedupeKey === undefined ? undefined : `${input.provider}\u0000${input.dedupeKey}`;
      if (dedupe !== undefined && this.#dedupe.has(dedupe)) return false;
      if (this.#entries.has(input.id)) return false;
      const entry: Entry = {
        seq: ++this.#seq,
        event: {
          ...input,
          // Through JSON, as a durable store keeps them: what a handler sees does not depend on the store.
          payload: jsonCopy(input.payload),
          meta: jsonCopy(input.meta) as Record<string, unknown>,
          request: {
            ...input.request,
            headers: { ...input.request.headers },
            body: input.request.body.slice(),
          },
          status: 'pending',
          attempts: 0,
          nextAttemptAt: input.receivedAt,
          updatedAt: input.receivedAt,
        },
      };
      this.#entries.set(input.id, entry);
      this.#bySeq.set(entry.seq, entry);
      if (dedupe !== undefined) this.#dedupe.set(dedupe, input.id);
      return true;
    });
  }

  async claim(options: ClaimOptions): Promise<ClaimedEvent[]> {
    const blockedKeys = new Set<string>();
    const due: Entry[] = [];
    for (const entry of this.#bySeq.values()) {
      const { event } = entry;
      if (event.status !== 'pending') continue;
      const key = event.orderKey;
      if (key !== undefined) {
        if (blockedKeys.has(key)) continue;
        blockedKeys.add(key);
      }
      if (event.nextAttemptAt <= options.now) due.push(entry);
    }
    const picked = pickClaimable(
      due.map((entry) => ({ provider: entry.event.provider, entry })),
      options,
    );
    return picked.map(({ entry }) => {
      entry.lease = newLease();
      entry.event.nextAttemptAt = options.now + options.leaseMs;
      return { event: copy(entry.event), lease: entry.lease };
    });
  }

  async finish(outcome: ProcessingOutcome): Promise<boolean> {
    const entry = this.#entries.get(outcome.id);
    if (!entry || entry.lease !== outcome.lease || entry.event.status !== 'pending') return false;
    entry.lease = undefined;
    const event = entry.event;
    event.status = outcome.status;
    event.attempts += 1;
    event.nextAttemptAt = outcome.nextAttemptAt;
    event.updatedAt = outcome.now;
    if (outcome.attempt.error !== undefined) event.lastError = outcome.attempt.error;
    if (outcome.status === 'processed') event.processedAt = outcome.now;
    this.#addAttempt(outcome.attempt);
    return true;
  }

  async recordReplay(attempt: InboxAttempt, processed: boolean, now: number): Promise<void> {
    const entry = this.#entries.get(attempt.eventId);
    if (!entry) return;
    this.#addAttempt(attempt);
    if (processed && entry.event.status === 'dead') {
      entry.event.status = 'processed';
      entry.event.processedAt = now;
      entry.event.updatedAt = now;
    }
  }

  #addAttempt(attempt: InboxAttempt): void {
    const list = this.#attempts.get(attempt.eventId);
    if (list) list.push({ ...attempt });
    else this.#attempts.set(attempt.eventId, [{ ...attempt }]);
  }

  async get(id: string): Promise<InboxEvent | undefined> {
    const entry = this.#entries.get(id);
    return entry && copy(entry.event);
  }

  async attempts(id: string): Promise<InboxAttempt[]> {
    return (this.#attempts.get(id) ?? []).map((attempt) => ({ ...attempt }));
  }

  async list(query: InboxQuery): Promise<InboxPage> {
    const limit = pageLimit(query.limit);
    const before = query.cursor === undefined ? Number.POSITIVE_INFINITY : decodeCursor(query.cursor);
    const matching = [...this.#bySeq.values()]
      .filter(
        ({ seq, event }) =>
          seq < before &&
          (query.provider === undefined || event.provider === query.provider) &&
          (query.name === undefined || event.name === query.name) &&
          (query.status === undefined || event.status === query.status) &&
          (query.since === undefined || event.receivedAt >= query.since) &&
          (query.until === undefined || event.receivedAt < query.until),
      )
      .sort((a, b) => b.seq - a.seq);
    const page = matching.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((entry) => copy(entry.event)),
      nextCursor: matching.length > limit && last ? encodeCursor(last.seq) : undefined,
    };
  }

  async requeue(id: string, now: number): Promise<RequeueResult> {
    const entry = this.#entries.get(id);
    if (!entry) return 'not_found';
    if (entry.event.status === 'processed') return 'processed';
    if (entry.lease !== undefined && entry.event.nextAttemptAt > now) return 'in_flight';
    this.#makeDue(entry, now);
    return 'requeued';
  }

  async requeueDead(since: number, now: number): Promise<number> {
    let count = 0;
    for (const entry of this.#entries.values()) {
      if (entry.event.status === 'dead' && entry.event.updatedAt >= since) {
        this.#makeDue(entry, now);
        count++;
      }
    }
    return count;
  }

  #makeDue(entry: Entry, now: number): void {
    entry.lease = undefined;
    entry.event.status = 'pending';
    entry.event.nextAttemptAt = now;
    entry.event.updatedAt = now;
  }

  async purge(selector: PurgeSelector): Promise<number> {
    let count = 0;
    for (const entry of [...this.#entries.values()]) {
      const { event } = entry;
      if (selector.status !== undefined && event.status !== selector.status) continue;
      if (selector.provider !== undefined && event.provider !== selector.provider) continue;
      if (selector.before !== undefined && event.receivedAt >= selector.before) continue;
      this.#delete(entry);
      count++;
    }
    return count;
  }

  async prune(before: number, limit: number): Promise<number> {
    let count = 0;
    for (const entry of [...this.#bySeq.values()]) {
      if (count >= limit) break;
      if (entry.event.status === 'processed' && (entry.event.processedAt ?? 0) < before) {
        this.#delete(entry);
        count++;
      }
    }
    return count;
  }

  #delete(entry: Entry): void {
    this.#entries.delete(entry.event.id);
    this.#bySeq.delete(entry.seq);
    this.#attempts.delete(entry.event.id);
    if (entry.event.dedupeKey !== undefined) {
      this.#dedupe.delete(`${entry.event.provider}\u0000${entry.event.dedupeKey}`);
    }
  }

  async close(): Promise<void> {}
}

function jsonCopy(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function copy(event: InboxEvent): InboxEvent {
  return {
    ...event,
    meta: { ...event.meta },
    request: { ...event.request, headers: { ...event.request.headers } },
  };
}

/** An inbox store in memory, for tests and development. */
export function createMemoryInboxStore(): MemoryInboxStore {
  return new MemoryInboxStore();
}
