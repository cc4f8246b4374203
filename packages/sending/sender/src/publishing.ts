import { candidateFilters } from '@hookwire/core';
import type { Deliveries } from './deliveries.js';
import { invalid, SenderError } from './errors.js';
import type { EventTypeCatalogue } from './event-types.js';
import { newId } from './ids.js';
import { validateJsonSchema } from './json-schema.js';
import type { SenderStore } from './store.js';
import type { Delivery, StoredEvent } from './types.js';
import { validateEventId, validateEventType } from './validation.js';

export interface PublishInput {
  type: string;
  data?: unknown;
  /** Makes publish idempotent: the same id is stored (and delivered) once. Default `evt_…`. */
  id?: string;
  /** Only this tenant's subscriptions receive the event; every tenant's when absent. */
  tenant?: string;
}

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
}

/** Publishing: checks an event, stores it with one delivery per matching subscription, hands those out. */
export class Publisher {
  constructor(private readonly ctx: PublisherContext) {}

  /**
   * Stores the event and one delivery per matching enabled subscription in one transaction, then
   * wakes the worker. Idempotent on `id`. Resolves once everything is stored.
   */
  async publish(input: PublishInput): Promise<PublishResult> {
    if (typeof input !== 'object' || input === null)
      throw invalid('body', 'publish takes { type, data, id?, tenant? }.');
    const type = validateEventType(input.type);
    const id = input.id === undefined ? undefined : validateEventId(input.id);
    const tenant = input.tenant;
    if (tenant !== undefined && (typeof tenant !== 'string' || tenant.length === 0)) {
      throw invalid('tenant', '"tenant" must be a non-empty string.');
    }
    const data = input.data === undefined ? null : input.data;
    await this.checkData(type, data);

    const { store, now: clock } = this.ctx;
    const now = clock();
    const event: StoredEvent = { id: id ?? newId('evt', now), type, data, createdAt: now };
    if (tenant !== undefined) event.tenant = tenant;
    if (id !== undefined) {
      const existing = await store.getEvent(id);
      if (existing) return this.alreadyPublished(existing, tenant);
    }
    const subscriptions = await store.findSubscriptions(candidateFilters(type), tenant);
    const deliveries: Delivery[] = subscriptions.map((subscription) => ({
      id: newId('dlv', now),
      eventId: event.id,
      subscriptionId: subscription.id,
      tenant: subscription.tenant,
      eventType: type,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    }));
    const result = await store.insertEvent(event, deliveries);
    if (!result.created) return this.alreadyPublished(result.event, tenant, result.deliveries);
    await this.ctx.deliveries.handOut(deliveries);
    return { id: event.id, deliveries: deliveries.length, created: true };
  }

  /** The catalogue (when there is one) knows the type and its schema accepts `data`; size limit. */
  private async checkData(type: string, data: unknown): Promise<void> {
    const types = await this.ctx.catalogue.byName();
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

  private async alreadyPublished(
    existing: StoredEvent,
    tenant: string | undefined,
    count?: number,
  ): Promise<PublishResult> {
    if (existing.tenant !== tenant) {
      throw new SenderError('conflict', `The event id ${existing.id} is already used by another publisher.`, {
        field: 'id',
      });
    }
    const deliveries = count ?? (await this.ctx.store.insertEvent(existing, [])).deliveries;
    return { id: existing.id, deliveries, created: false };
  }
}
