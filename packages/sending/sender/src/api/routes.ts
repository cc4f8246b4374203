import { jsonResponse, type WebhookRequest, type WebhookResponse } from '@hookwire/core';
import { invalid } from '../errors.js';
import type { Sender } from '../sender.js';
import type { Delivery, DeliveryStatus, EventType, Subscription } from '../types.js';
import * as S from './schemas.js';
import { attemptView, credentialView, deliveryView, subscriptionView } from './views.js';

export interface RouteContext {
  request: WebhookRequest;
  /** The caller's own tenant (the operator's is where its creations go by default). */
  tenant: string;
  operator: boolean;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body, already checked against the route's body schema. */
  body: unknown;
}

export interface QueryParameter {
  schema: Record<string, unknown>;
  description: string;
  /** Only the operator may send it (`?tenant=`); anyone else gets "unknown query parameter". */
  operatorOnly?: boolean;
}

/**
 * One route of the management API: what it answers and what it takes, as data. The handler checks
 * every request against `query` and `body` before `run`, and the OpenAPI document is generated
 * from the same definitions.
 */
export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** OpenAPI style: `/subscriptions/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  /** `tenant`: any caller, scoped to its tenant; `operator`: the operator alone; `public`: no token. */
  access: 'tenant' | 'operator' | 'public';
  query?: Record<string, QueryParameter>;
  /** `required: false`: an absent body is `{}`. Routes without `body` take none. */
  body?: { schema: Record<string, unknown>; required: boolean };
  /** Status → answer. Errors (400, 401, 403, 404, 409, 413) are added to every route by the document. */
  responses: Record<number, { description: string; schema?: Record<string, unknown> }>;
  /** A real request body for the document (checked against `body` by the tests). */
  example?: unknown;
  run(context: RouteContext): Promise<WebhookResponse>;
}

const STATUSES = new Set<DeliveryStatus>(['pending', 'succeeded', 'failed']);

const page: Record<string, QueryParameter> = {
  limit: { schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 }, description: 'Page size.' },
  cursor: {
    schema: { type: 'string', pattern: '^[a-z]+_[0-9A-Z]{26}$' },
    description: 'The nextCursor of the previous page.',
  },
};
const tenantQuery: QueryParameter = {
  schema: { type: 'string', minLength: 1, maxLength: 200 },
  description: "Operator only: narrow the list to one tenant's resources.",
  operatorOnly: true,
};

export function tenantName(value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > 200 ||
    /[\u0000-\u001f\u007f]/.test(value)
  ) {
    throw invalid('tenant', '"tenant" must be a tenant name: 1 to 200 characters, no control characters.');
  }
  return value;
}

/** The tenant an operator's list is narrowed to (`?tenant=`), or `undefined` for every tenant. */
function listTenant(context: RouteContext): string | undefined {
  if (!context.operator) return context.tenant;
  const named = context.query.get('tenant');
  return named === null ? undefined : tenantName(named);
}

/** Scope of a route on one resource: the caller's tenant, or every tenant for the operator. */
function scopeOf(context: RouteContext): { tenant?: string } {
  return context.operator ? {} : { tenant: context.tenant };
}

/** Removes the operator's `tenant` from a create body; a tenant's `tenant` is refused. */
function createTenant(context: RouteContext, input: Record<string, unknown>) {
  if (!('tenant' in input)) return { tenant: context.tenant, input };
  if (!context.operator) throw invalid('tenant', 'Unknown field "tenant": only the operator names a tenant.');
  const { tenant, ...rest } = input;
  return { tenant: tenantName(tenant), input: rest };
}

function showSubscription(context: RouteContext, subscription: Subscription) {
  const view = subscriptionView(subscription);
  return context.operator ? withTenant(view, subscription.tenant) : view;
}

function showDelivery(context: RouteContext, delivery: Delivery) {
  const view = deliveryView(delivery);
  return context.operator ? withTenant(view, delivery.tenant) : view;
}

function withTenant<T extends { id: string }>(view: T, tenant: string) {
  const { id, ...rest } = view;
  return { id, tenant, ...rest };
}

function pageOf(query: URLSearchParams): { limit: number; cursor?: string } {
  const cursor = query.get('cursor');
  return { limit: Number(query.get('limit') ?? 50), ...(cursor !== null ? { cursor } : {}) };
}

function parseSince(value: unknown): number {
  const ms =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{4}-\d\d-\d\d/.test(value)
        ? Date.parse(value)
        : Number.NaN;
  if (!Number.isFinite(ms) || ms < 0) {
    throw invalid(
      'since',
      '"since" must be an ISO 8601 time (e.g. "2025-01-31T00:00:00Z") or milliseconds since the epoch.',
    );
  }
  return ms;
}

function eventTypeView(type: EventType) {
  return {
    name: type.name,
    ...(type.description !== undefined ? { description: type.description } : {}),
    ...(type.schema !== undefined ? { schema: type.schema } : {}),
    ...(type.example !== undefined ? { example: type.example } : {}),
    ...(type.deprecated ? { deprecated: true } : {}),
  };
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
const body = (context: RouteContext) => context.body as Record<string, unknown>;
const sub = (context: RouteContext) => context.params.id!;

const subscriptionRoutes = (sender: Sender): RouteDefinition[] => [
  {
    method: 'GET',
    path: '/subscriptions',
    operationId: 'listSubscriptions',
    summary: "List the caller's subscriptions, oldest first.",
    access: 'tenant',
    query: { ...page, tenant: tenantQuery },
    responses: { 200: { description: 'A page of subscriptions.', schema: S.SubscriptionPage } },
    async run(context) {
      const tenant = listTenant(context);
      const result = await sender.listSubscriptions({
        ...pageOf(context.query),
        ...(tenant !== undefined ? { tenant } : {}),
      });
      return jsonResponse(200, {
        items: result.items.map((s) => showSubscription(context, s)),
        nextCursor: result.nextCursor ?? null,
      });
    },
  },
  {
    method: 'POST',
    path: '/subscriptions',
    operationId: 'createSubscription',
    summary: 'Create a subscription; the answer carries its secret, this once.',
    access: 'tenant',
    body: { schema: S.SubscriptionInput, required: true },
    example: {
      url: 'https://example.com/webhooks',
      events: ['invoice.*'],
      filter: { total: { $gte: 100 }, currency: { $in: ['EUR', 'USD'] } },
      metadata: { plan: 'pro' },
    },
    responses: { 201: { description: 'The subscription, with its secret.', schema: S.SubscriptionCreated } },
    async run(context) {
      const { tenant, input } = createTenant(context, body(context));
      const subscription = await sender.createSubscription(input as never, { tenant });
      // The only response that carries the secret unasked: the subscriber needs it to verify.
      return jsonResponse(201, {
        ...showSubscription(context, subscription),
        ...credentialView(subscription, subscription.secrets[0]!.secret),
      });
    },
  },
  {
    method: 'GET',
    path: '/subscriptions/{id}',
    operationId: 'getSubscription',
    summary: 'One subscription (never its secret).',
    access: 'tenant',
    responses: { 200: { description: 'The subscription.', schema: S.Subscription } },
    async run(context) {
      return jsonResponse(
        200,
        showSubscription(context, await sender.getSubscription(sub(context), scopeOf(context))),
      );
    },
  },
  {
    method: 'PATCH',
    path: '/subscriptions/{id}',
    operationId: 'updateSubscription',
    summary: 'Change a subscription; null clears description, retrySchedule or filter.',
    access: 'tenant',
    body: { schema: S.SubscriptionUpdate, required: true },
    example: { description: 'Billing events', filter: { 'customer.country': { $in: ['DE', 'FR'] } } },
    responses: { 200: { description: 'The changed subscription.', schema: S.Subscription } },
    async run(context) {
      const updated = await sender.updateSubscription(sub(context), body(context) as never, scopeOf(context));
      return jsonResponse(200, showSubscription(context, updated));
    },
  },
  {
    method: 'DELETE',
    path: '/subscriptions/{id}',
    operationId: 'deleteSubscription',
    summary: 'Delete a subscription; its deliveries stay in the log.',
    access: 'tenant',
    responses: { 204: { description: 'Deleted.' } },
    async run(context) {
      await sender.deleteSubscription(sub(context), scopeOf(context));
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/subscriptions/{id}/secret',
    operationId: 'getSubscriptionSecret',
    summary: 'The signing secret, and those still signing during a rotation.',
    access: 'tenant',
    responses: { 200: { description: 'The secrets.', schema: S.SecretAnswer } },
    async run(context) {
      const subscription = await sender.getSubscription(sub(context), scopeOf(context));
      const previous = subscription.secrets
        .slice(1)
        .map((s) => ({ ...credentialView(subscription, s.secret), expiresAt: iso(s.expiresAt) }));
      return jsonResponse(
        200,
        { ...credentialView(subscription, subscription.secrets[0]!.secret), previous },
        { 'cache-control': 'no-store' },
      );
    },
  },
  {
    method: 'POST',
    path: '/subscriptions/{id}/rotate-secret',
    operationId: 'rotateSubscriptionSecret',
    summary: 'Issue a new secret; the previous one keeps signing for graceSeconds.',
    access: 'tenant',
    body: { schema: S.RotateSecretInput, required: false },
    example: { graceSeconds: 3600 },
    responses: { 200: { description: 'The new secret.', schema: S.RotateSecretAnswer } },
    async run(context) {
      const input = body(context);
      const updated = await sender.rotateSecret(sub(context), {
        ...scopeOf(context),
        ...(input.secret !== undefined ? { secret: input.secret as string } : {}),
        ...(input.graceSeconds !== undefined ? { graceMs: (input.graceSeconds as number) * 1000 } : {}),
      });
      return jsonResponse(
        200,
        {
          id: updated.id,
          ...credentialView(updated, updated.secrets[0]!.secret),
          previousExpiresAt: iso(updated.secrets[1]?.expiresAt),
        },
        { 'cache-control': 'no-store' },
      );
    },
  },
  {
    method: 'GET',
    path: '/subscriptions/{id}/deliveries',
    operationId: 'listSubscriptionDeliveries',
    summary: "A subscription's deliveries, newest first.",
    access: 'tenant',
    query: {
      ...page,
      status: {
        schema: { enum: ['pending', 'succeeded', 'failed'] },
        description: 'Only deliveries in this state.',
      },
      tenant: tenantQuery,
    },
    responses: { 200: { description: 'A page of deliveries.', schema: S.DeliveryPage } },
    async run(context) {
      const status = context.query.get('status');
      const tenant = listTenant(context);
      const result = await sender.listDeliveries(sub(context), {
        ...pageOf(context.query),
        ...(tenant !== undefined ? { tenant } : {}),
        ...(status !== null && STATUSES.has(status as DeliveryStatus)
          ? { status: status as DeliveryStatus }
          : {}),
      });
      return jsonResponse(200, {
        items: result.items.map((d) => showDelivery(context, d)),
        nextCursor: result.nextCursor ?? null,
      });
    },
  },
  {
    method: 'POST',
    path: '/subscriptions/{id}/recover',
    operationId: 'recoverSubscription',
    summary: 'Attempt again every failed delivery created since a time.',
    access: 'tenant',
    body: { schema: S.RecoverInput, required: true },
    example: { since: '2025-01-31T00:00:00Z' },
    responses: {
      202: { description: 'How many deliveries were requeued.', schema: S.CountAnswer('recovered') },
    },
    async run(context) {
      const id = sub(context);
      await sender.getSubscription(id, scopeOf(context));
      const recovered = await sender.recoverFailedDeliveries(
        id,
        parseSince(body(context).since),
        scopeOf(context),
      );
      return jsonResponse(202, { recovered });
    },
  },
  {
    method: 'POST',
    path: '/subscriptions/{id}/test-filter',
    operationId: 'testSubscriptionFilter',
    summary: "Whether a sample event data passes the subscription's payload filter.",
    access: 'tenant',
    body: { schema: S.TestFilterInput, required: true },
    example: { data: { total: 150, currency: 'EUR' } },
    responses: { 200: { description: 'The outcome.', schema: S.TestFilterAnswer } },
    async run(context) {
      const matches = await sender.testFilter(sub(context), body(context).data, scopeOf(context));
      return jsonResponse(200, { matches });
    },
  },
  {
    method: 'POST',
    path: '/subscriptions/{id}/send-example',
    operationId: 'sendExampleEvent',
    summary: 'Send a signed example event of a type to the endpoint now, and answer with the attempt.',
    access: 'tenant',
    body: { schema: S.SendExampleInput, required: true },
    example: { type: 'invoice.paid' },
    responses: { 200: { description: 'The attempt, as it went.', schema: S.ExampleAttempt } },
    async run(context) {
      const input = body(context);
      const attempt = await sender.sendExample(
        sub(context),
        { type: input.type as string, ...('data' in input ? { data: input.data } : {}) },
        scopeOf(context),
      );
      return jsonResponse(200, {
        eventId: attempt.eventId,
        type: attempt.type,
        status: attempt.status ?? null,
        succeeded: attempt.succeeded,
        durationMs: attempt.durationMs,
        responseExcerpt: attempt.responseExcerpt ?? null,
        error: attempt.error ?? null,
      });
    },
  },
  {
    method: 'GET',
    path: '/subscriptions/{id}/stats',
    operationId: 'getSubscriptionStats',
    summary: 'Attempts, successes, failures and latency percentiles over the last hour and day.',
    access: 'tenant',
    responses: { 200: { description: 'The statistics.', schema: S.SubscriptionStats } },
    async run(context) {
      return jsonResponse(200, await sender.subscriptionStats(sub(context), scopeOf(context)));
    },
  },
];

const deliveryRoutes = (sender: Sender): RouteDefinition[] => [
  {
    method: 'GET',
    path: '/deliveries/{id}',
    operationId: 'getDelivery',
    summary: 'One delivery with its attempts.',
    access: 'tenant',
    responses: { 200: { description: 'The delivery.', schema: S.DeliveryWithAttempts } },
    async run(context) {
      const delivery = await sender.getDelivery(sub(context), scopeOf(context));
      const attempts = await sender.listAttempts(delivery.id, scopeOf(context));
      return jsonResponse(200, { ...showDelivery(context, delivery), attempts: attempts.map(attemptView) });
    },
  },
  {
    method: 'POST',
    path: '/deliveries/{id}/retry',
    operationId: 'retryDelivery',
    summary: 'Attempt one delivery again now.',
    access: 'tenant',
    responses: { 202: { description: 'The requeued delivery.', schema: S.Delivery } },
    async run(context) {
      return jsonResponse(
        202,
        showDelivery(context, await sender.retryDelivery(sub(context), scopeOf(context))),
      );
    },
  },
];

const publishRoutes = (sender: Sender): RouteDefinition[] => [
  {
    method: 'POST',
    path: '/events',
    operationId: 'publishEvent',
    summary: "Publish an event to the caller's subscriptions (where the operator allows it).",
    access: 'tenant',
    body: { schema: S.PublishInput, required: true },
    example: { type: 'invoice.paid', data: { invoiceId: 'in_1', total: 150 }, id: 'in_1_paid' },
    responses: { 202: { description: 'Stored; deliveries follow.', schema: S.PublishAnswer } },
    async run(context) {
      const { tenant, input } = createTenant(context, body(context));
      const result = await sender.publish({
        type: input.type as string,
        data: input.data,
        tenant,
        ...(input.id !== undefined ? { id: input.id as string } : {}),
      });
      return jsonResponse(202, { id: result.id, deliveries: result.deliveries, created: result.created });
    },
  },
  {
    method: 'POST',
    path: '/events/{id}/redeliver',
    operationId: 'redeliverEvent',
    summary: 'Send an event again to every subscription it went to, or to one.',
    access: 'tenant',
    body: { schema: S.RedeliverInput, required: false },
    responses: {
      202: { description: 'How many deliveries were requeued.', schema: S.CountAnswer('redelivered') },
    },
    async run(context) {
      const input = body(context);
      const redelivered = await sender.redeliverEvent(sub(context), {
        ...scopeOf(context),
        ...(input.subscriptionId !== undefined ? { subscriptionId: input.subscriptionId as string } : {}),
      });
      return jsonResponse(202, { redelivered });
    },
  },
];

const eventTypeRoutes = (sender: Sender): RouteDefinition[] => [
  {
    method: 'GET',
    path: '/event-types',
    operationId: 'listEventTypes',
    summary: 'The event-type catalogue.',
    access: 'tenant',
    responses: { 200: { description: 'Every entry, by name.', schema: S.EventTypeList } },
    async run() {
      return jsonResponse(200, { items: (await sender.listEventTypes()).map(eventTypeView) });
    },
  },
  {
    method: 'POST',
    path: '/event-types',
    operationId: 'createEventType',
    summary: 'Add (or replace) an event type; the schema is checked now, never ignored.',
    access: 'operator',
    body: { schema: S.EventTypeInput, required: true },
    example: {
      name: 'invoice.paid',
      description: 'An invoice was paid in full.',
      schema: {
        type: 'object',
        required: ['invoiceId', 'total'],
        properties: {
          invoiceId: { type: 'string', pattern: '^in_' },
          total: { type: 'number', minimum: 0 },
          paidAt: { type: 'string', format: 'date-time' },
        },
      },
      example: { invoiceId: 'in_1', total: 150, paidAt: '2025-01-31T12:00:00Z' },
    },
    responses: { 201: { description: 'The entry.', schema: S.EventType } },
    async run(context) {
      const input = body(context) as unknown as EventType;
      await sender.defineEventType(input);
      return jsonResponse(201, eventTypeView(await sender.getEventType(input.name)));
    },
  },
  {
    method: 'GET',
    path: '/event-types/{name}',
    operationId: 'getEventType',
    summary: 'One event type, with an example data value.',
    access: 'tenant',
    responses: { 200: { description: 'The entry and its example.', schema: S.EventTypeDetail } },
    async run(context) {
      const name = context.params.name!;
      const type = await sender.getEventType(name);
      return jsonResponse(200, { ...eventTypeView(type), example: await sender.eventTypeExample(name) });
    },
  },
  {
    method: 'PATCH',
    path: '/event-types/{name}',
    operationId: 'updateEventType',
    summary: 'Change an event type; null clears description, schema or example.',
    access: 'operator',
    body: { schema: S.EventTypeUpdate, required: true },
    example: { description: 'An invoice was paid (in full or in the last instalment).' },
    responses: { 200: { description: 'The changed entry.', schema: S.EventType } },
    async run(context) {
      return jsonResponse(
        200,
        eventTypeView(await sender.updateEventType(context.params.name!, body(context))),
      );
    },
  },
  {
    method: 'POST',
    path: '/event-types/{name}/deprecate',
    operationId: 'deprecateEventType',
    summary: 'Mark an event type deprecated: still published and delivered, shown as deprecated.',
    access: 'operator',
    responses: { 200: { description: 'The deprecated entry.', schema: S.EventType } },
    async run(context) {
      return jsonResponse(
        200,
        eventTypeView(await sender.updateEventType(context.params.name!, { deprecated: true })),
      );
    },
  },
];

/** The route table of a management API with these options. */
export function routeTable(sender: Sender, options: { allowPublish?: boolean }): RouteDefinition[] {
  return [
    ...eventTypeRoutes(sender),
    ...subscriptionRoutes(sender),
    ...deliveryRoutes(sender),
    ...(options.allowPublish ? publishRoutes(sender) : []),
  ];
}
