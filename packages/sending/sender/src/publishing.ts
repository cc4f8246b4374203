import { candidateFilters } from '@hookwire/core';
import type { Deliveries } from './deliveries.js';
import { invalid, SenderError, SenderLimitError } from './errors.js';
import type { EventTypeCatalogue } from './event-types.js';
import { newId } from './ids.js';
import { validateJsonSchema } from './json-schema.js';
import { FilterCache, type PayloadFilter } from './payload-filter.js';
import { DEFAULT_TENANT } from './scope.js';
import type { FanOutDeliveries, SenderStore, SubscriptionCandidate } from './store.js';
import { fanOutDeliveries } from './store-kit.js';
import type { Telemetry } from './telemetry.js';
import type { StoredEvent } from './types.js';
import { validateEventId, validateEventType } from './validation.js';

/** Subscriptions handled between two yields to the event loop in a large fan-out. */
const FAN_OUT_CHUNK = 500;

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );

export interface PublishInput {
  type: string;
  data?: unknown;
  /**
   * Makes publish idempotent: the same id is stored (and delivered) once per tenant. The same id
   * in another tenant is another event. Default `evt_…`.
   */
  id?: string;
  /**
   * Only this tenant's subscriptions receive the event; the default tenant's when absent (the
   * tenant `createSubscription` uses without a scope). To reach every tenant, use `broadcast`.
   */
  tenant?: string;
}

/** What `broadcast` takes: an event for the subscriptions of every tenant (no `tenant`). */
export type BroadcastInput = Omit<PublishInput, 'tenant'>;

export interface PublishResult {
  id: string;
  /** Number of deliveries (matching subscriptions). */
  deliveries: number;
  /** False when an event with this id had already been published. */
  created: boolean;
}

export interface PublisherContext {
  store: SenderStore;
  catalogue: EventTypeCatalogue;
  deliveries: Deliveries;
  now: () => number;
  maxPayloadBytes: number;
  maxFanOutPerEvent: number;
  telemetry: Telemetry;
}

/** Publishing: checks an event, stores it with one delivery per matching subscription, hands those out. */
export class Publisher {
  private readonly filters = new FilterCache();

  constructor(private readonly ctx: PublisherContext) {}

  /**
   * Stores the event and one delivery per matching enabled subscription of its tenant in one
   * transaction, then wakes the worker. Idempotent on `id` within the tenant. Resolves once
   * everything is stored.
   */
  async publish(input: PublishInput): Promise<PublishResult> {
    if (typeof input !== 'object' || input === null)
      throw invalid('body', 'publish takes { type, data, id?, tenant? }.');
    const tenant = input.tenant;
    if (tenant !== undefined && (typeof tenant !== 'string' || tenant.length === 0)) {
      throw invalid('tenant', '"tenant" must be a non-empty string.');
    }
    return this.storeEvent(input, tenant ?? DEFAULT_TENANT);
  }

  /** Like `publish`, to the matching subscriptions of every tenant; idempotent on `id` among broadcasts. */
  async broadcast(input: BroadcastInput): Promise<PublishResult> {
    if (typeof input !== 'object' || input === null)
      throw invalid('body', 'broadcast takes { type, data, id? }.');
    if ('tenant' in input) {
      throw invalid(
        'tenant',
        'broadcast reaches every tenant and takes no "tenant"; to reach one tenant, use publish({ tenant }).',
      );
    }
    return this.storeEvent(input, undefined);
  }

  /**
   * The sender's own events (see `OperationalEvents`), to the operator's tenant: outside the
   * event-type catalogue, which describes the application's events.
   */
  publishOperational(type: string, data: unknown, tenant: string): Promise<PublishResult> {
    return this.storeEvent({ type, data }, tenant, true);
  }

  /** `tenant` undefined: a broadcast. */
  private async storeEvent(
    input: BroadcastInput,
    tenant: string | undefined,
    operational = false,
  ): Promise<PublishResult> {
    const type = validateEventType(input.type);
    const id = input.id === undefined ? undefined : validateEventId(input.id);
    const data = input.data === undefined ? null : input.data;
    await this.checkData(type, data, operational);
    return this.ctx.telemetry.publishSpan(
      type,
      (traceparent) => this.fanOut(type, id, data, tenant, traceparent),
      (result) => result.deliveries,
    );
  }

  private async fanOut(
    type: string,
    id: string | undefined,
    data: unknown,
    tenant: string | undefined,
    traceparent: string | undefined,
  ): Promise<PublishResult> {
    const { store, now: clock } = this.ctx;
    const now = clock();
    const event: StoredEvent = { id: id ?? newId('evt', now), type, data, createdAt: now };
    if (tenant !== undefined) event.tenant = tenant;
    if (traceparent !== undefined) event.traceparent = traceparent;
    if (id !== undefined) {
      const existing = await store.getEvent(id, tenant);
      if (existing) return this.alreadyPublished(existing);
    }
    const columns = await this.match(type, data, tenant, now);
    const result = store.insertFanOut
      ? await store.insertFanOut(event, columns)
      : await store.insertEvent(event, fanOutDeliveries(event, columns));
    if (!result.created) return this.alreadyPublished(result.event, result.deliveries);
    // Objects for the queue only now, after the write: they live for the hand-out alone.
    await this.ctx.deliveries.handOut(fanOutDeliveries(event, columns), true);
    return { id: event.id, deliveries: columns.ids.length, created: true };
  }

  /**
   * The deliveries of an event as columns: the candidates of the store's filter index (the lean
   * look-up when the store has one: id, tenant and payload filter as stored text, no document),
   * narrowed by payload filters a chunk at a time with the event loop running in between. The
   * candidates are dropped on return; what stays alive until stored is three strings a delivery.
   */
  private async match(
    type: string,
    data: unknown,
    tenant: string | undefined,
    now: number,
  ): Promise<FanOutDeliveries> {
    const { store, maxFanOutPerEvent: max } = this.ctx;
    const filters = candidateFilters(type);
    const cache = this.filters;
    const accepts = (filter: PayloadFilter | string) => cache.storedMatcher(filter)(data);
    const candidates: readonly SubscriptionCandidate[] = store.findCandidates
      ? await store.findCandidates(filters, tenant, max + 1, accepts)
      : await store.findSubscriptions(filters, tenant, max + 1);
    if (candidates.length > max) {
      throw new SenderLimitError(
        'maxFanOutPerEvent',
        max,
        `This event matches more than ${max} subscriptions, the most one event may be delivered to; nothing was published.`,
      );
    }
    const ids: string[] = [];
    const subscriptionIds: string[] = [];
    const tenants: string[] = [];
    for (let start = 0; start < candidates.length; start += FAN_OUT_CHUNK) {
      if (start > 0) await yieldToEventLoop();
      const end = Math.min(start + FAN_OUT_CHUNK, candidates.length);
      for (let i = start; i < end; i++) {
        const candidate = candidates[i]!;
        const filter = candidate.filter;
        if (filter !== undefined && filter !== null && !cache.storedMatcher(filter)(data)) continue;
        ids.push(newId('dlv', now));
        subscriptionIds.push(candidate.id);
        // A publish's candidates are all of its tenant: one string rather than one per row read.
        tenants.push(tenant ?? candidate.tenant);
      }
    }
    return { ids, subscriptionIds, tenants };
  }

  /** The catalogue (when there is one) knows the type and its schema accepts `data`; size limit. */
  private async checkData(type: string, data: unknown, operational: boolean): Promise<void> {
    const types = operational ? new Map() : await this.ctx.catalogue.byName();
    if (types.size > 0) {
      const known = types.get(type);
      if (!known)
        throw new SenderError('unknown_event_type', `"${type}" is not in the event-type catalogue.`, {
          field: 'type',
        });
      if (known.schema) {
        const problem = validateJsonSchema(known.schema, data);
        if (problem)
          throw invalid(
            problem.path,
            `The event data does not match the ${type} schema: ${problem.message}.`,
          );
      }
    }
    let size: number;
    try {
      size = Buffer.byteLength(JSON.stringify(data));
    } catch {
      throw invalid('data', '"data" must be serialisable as JSON.');
    }
    const limit = this.ctx.maxPayloadBytes;
    if (size > limit) throw invalid('data', `"data" is ${size} bytes; the limit is ${limit}.`);
  }

  /** The same tenant published this id before: nothing more is stored (ids of other tenants never meet). */
  private async alreadyPublished(existing: StoredEvent, count?: number): Promise<PublishResult> {
    const deliveries = count ?? (await this.ctx.store.insertEvent(existing, [])).deliveries;
    return { id: existing.id, deliveries, created: false };
  }
}
