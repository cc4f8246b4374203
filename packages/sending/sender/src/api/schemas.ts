/**
 * JSON Schemas (2020-12) of the management API's bodies and answers. The route table uses them to
 * validate requests, and the OpenAPI document is generated from them: one definition of each.
 * Each named schema becomes a component of the document (`#/components/schemas/<name>`).
 */
type S = Record<string, unknown>;

/** `base` with `more` properties, all of them required. */
function extend(base: S, more: Record<string, S>): S {
  return {
    ...base,
    required: [...new Set([...(base.required as string[]), ...Object.keys(more)])],
    properties: { ...(base.properties as S), ...more },
  };
}

const nullable = (schema: S): S => ({ ...schema, type: [schema.type as string, 'null'] });
const time: S = { type: 'string', format: 'date-time' };
const id = (prefix: string, description: string): S => ({
  type: 'string',
  pattern: `^${prefix}_[0-9A-Z]{26}$`,
  description,
});
const stringMap = (description: string, maxProperties: number): S => ({
  type: 'object',
  additionalProperties: { type: 'string' },
  maxProperties,
  description,
});

const eventFilters: S = {
  type: 'array',
  items: { type: 'string', maxLength: 200 },
  minItems: 1,
  maxItems: 100,
  description: 'Event filters: "*", "invoice.*" or an exact type such as "invoice.paid".',
};
const payloadFilter: S = {
  type: 'object',
  description:
    'A payload filter on the event data: { "path": value } or { "path": { "$op": operand } } with $eq, $neq, $in, $nin, $gt, $gte, $lt, $lte, $exists, $prefix, $not; $and, $or, $not combine filters. Dotted paths reach into objects and arrays.',
};
const retrySchedule: S = {
  type: 'array',
  items: { type: 'number', minimum: 0, maximum: 604_800 },
  minItems: 1,
  maxItems: 20,
  description: 'Delays in seconds between attempts, each 0 to 604800 (7 days), e.g. [5, 300, 1800].',
};
const subscriptionFields: S = {
  url: {
    type: 'string',
    format: 'uri',
    maxLength: 2048,
    description: 'Absolute http(s) URL that receives the events.',
  },
  events: eventFilters,
  headers: stringMap(
    'Extra request headers (not the webhook-* ones, nor Host, Content-Type and the like).',
    32,
  ),
  metadata: stringMap('Your own string key/values; sent as Properties in the aspnet format.', 50),
  description: { type: 'string', maxLength: 500 },
  format: { enum: ['standard', 'aspnet'], description: 'Standard Webhooks (default) or ASP.NET WebHooks.' },
  retrySchedule,
  disabled: { type: 'boolean' },
  filter: payloadFilter,
  ordered: {
    type: 'boolean',
    description: 'One delivery at a time, in publish order; a failing one holds those behind it.',
  },
  rateLimit: {
    type: 'number',
    exclusiveMinimum: 0,
    maximum: 100000,
    description: 'At most this many deliveries per second.',
  },
};

export const SubscriptionInput: S = {
  type: 'object',
  required: ['url', 'events'],
  additionalProperties: false,
  properties: {
    ...subscriptionFields,
    secret: {
      type: 'string',
      description:
        'A whsec_ secret (base64 of 24 to 64 bytes), or a whsk_ signing key with signing "ed25519"; generated when absent.',
    },
    signing: {
      enum: ['hmac', 'ed25519'],
      description:
        'hmac (default): v1 signatures. ed25519: v1a signatures; the answer carries the whpk_ public key instead of a secret.',
    },
    tenant: { type: 'string', description: 'Operator only: the tenant that owns the subscription.' },
  },
};

export const SubscriptionUpdate: S = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...subscriptionFields,
    description: nullable(subscriptionFields.description as S),
    retrySchedule: nullable(retrySchedule),
    filter: nullable(payloadFilter),
    rateLimit: nullable(subscriptionFields.rateLimit as S),
  },
};

export const Subscription: S = {
  type: 'object',
  required: ['id', 'url', 'events', 'headers', 'metadata', 'format', 'disabled', 'createdAt', 'updatedAt'],
  additionalProperties: false,
  properties: {
    id: id('sub', 'The subscription id.'),
    tenant: { type: 'string', description: "Shown to the operator: the subscription's tenant." },
    url: { type: 'string' },
    events: { type: 'array', items: { type: 'string' } },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    metadata: { type: 'object', additionalProperties: { type: 'string' } },
    description: { type: ['string', 'null'] },
    format: { enum: ['standard', 'aspnet'] },
    retrySchedule: { type: ['array', 'null'], items: { type: 'number' } },
    filter: { type: ['object', 'null'] },
    ordered: { type: 'boolean' },
    rateLimit: { type: ['number', 'null'] },
    signing: { enum: ['hmac', 'ed25519'] },
    disabled: { type: 'boolean' },
    disabledReason: { type: ['string', 'null'] },
    failingSince: nullable(time),
    createdAt: time,
    updatedAt: time,
  },
};

// `secret` (hmac) or `publicKey` (ed25519): one of the two, so neither is listed as required.
export const SubscriptionCreated: S = {
  ...extend(Subscription, {
    secret: { type: 'string', description: 'Given this once; GET /subscriptions/{id}/secret later.' },
    publicKey: {
      type: 'string',
      description:
        'With signing "ed25519", instead of a secret: the whpk_ key that verifies the v1a signatures.',
    },
  }),
  required: Subscription.required,
};

const page = (item: S): S => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: item },
    nextCursor: {
      type: ['string', 'null'],
      description: 'Pass as ?cursor= for the next page; null on the last.',
    },
  },
});

export const Delivery: S = {
  type: 'object',
  required: ['id', 'eventId', 'eventType', 'subscriptionId', 'status', 'attempts', 'createdAt', 'updatedAt'],
  properties: {
    id: id('dlv', 'The delivery id.'),
    tenant: { type: 'string' },
    eventId: { type: 'string' },
    eventType: { type: 'string' },
    subscriptionId: { type: 'string' },
    status: { enum: ['pending', 'succeeded', 'failed'] },
    attempts: { type: 'integer', minimum: 0 },
    nextAttemptAt: nullable(time),
    lastStatus: { type: ['integer', 'null'] },
    lastError: { type: ['string', 'null'] },
    createdAt: time,
    updatedAt: time,
  },
};

export const Attempt: S = {
  type: 'object',
  required: ['id', 'attempt', 'startedAt', 'durationMs', 'status', 'error', 'responseExcerpt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    attempt: { type: 'integer', minimum: 1 },
    startedAt: time,
    durationMs: { type: 'number', minimum: 0 },
    status: { type: ['integer', 'null'] },
    error: { type: ['string', 'null'] },
    responseExcerpt: { type: ['string', 'null'] },
  },
};

export const DeliveryWithAttempts: S = extend(Delivery, {
  attempts: { type: 'array', items: Attempt, description: 'The attempts so far, oldest first.' },
});

export const SubscriptionPage = page(Subscription);
export const DeliveryPage = page(Delivery);

// An ed25519 subscription answers its public keys (`publicKey`) instead of secrets.
export const SecretAnswer: S = {
  type: 'object',
  required: ['previous'],
  additionalProperties: false,
  properties: {
    secret: { type: 'string' },
    publicKey: { type: 'string', description: 'With signing "ed25519": the whpk_ key.' },
    previous: {
      type: 'array',
      items: {
        type: 'object',
        required: ['expiresAt'],
        properties: { secret: { type: 'string' }, publicKey: { type: 'string' }, expiresAt: nullable(time) },
      },
    },
  },
};

export const RotateSecretInput: S = {
  type: 'object',
  additionalProperties: false,
  properties: {
    secret: { type: 'string', description: 'A whsec_ secret to install; generated when absent.' },
    graceSeconds: {
      type: 'number',
      minimum: 0,
      maximum: 2_592_000,
      description: 'How long the previous secret keeps signing (seconds, at most 30 days).',
    },
  },
};

export const RotateSecretAnswer: S = {
  type: 'object',
  required: ['id', 'previousExpiresAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    secret: { type: 'string' },
    publicKey: { type: 'string', description: 'With signing "ed25519": the new whpk_ key.' },
    previousExpiresAt: nullable(time),
  },
};

export const RecoverInput: S = {
  type: 'object',
  required: ['since'],
  additionalProperties: false,
  properties: {
    since: {
      type: ['string', 'integer'],
      description: 'ISO 8601 time (e.g. "2025-01-31T00:00:00Z") or milliseconds since the epoch.',
    },
  },
};

export const CountAnswer = (name: string): S => ({
  type: 'object',
  required: [name],
  additionalProperties: false,
  properties: { [name]: { type: 'integer', minimum: 0 } },
});

export const PublishInput: S = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', maxLength: 200, description: 'The event type, e.g. "invoice.paid".' },
    data: { description: 'Any JSON: the body\'s "data".' },
    id: { type: 'string', description: 'Idempotency key: 1 to 128 of letters, digits, "_", "-", ":".' },
    tenant: { type: 'string', description: 'Operator only: the tenant whose subscriptions receive it.' },
  },
};

export const PublishAnswer: S = {
  type: 'object',
  required: ['id', 'deliveries', 'created'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    deliveries: { type: 'integer', minimum: 0 },
    created: { type: 'boolean', description: 'False when this id had already been published.' },
  },
};

export const RedeliverInput: S = {
  type: 'object',
  additionalProperties: false,
  properties: { subscriptionId: { type: 'string', description: 'Only to this subscription.' } },
};

export const EventType: S = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', description: 'Dotted name, e.g. "invoice.paid".' },
    description: { type: 'string' },
    schema: { type: 'object', description: 'JSON Schema (2020-12) of the event data.' },
    example: { description: 'A sample data value.' },
    deprecated: { type: 'boolean' },
  },
};

export const EventTypeList: S = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: EventType } },
};

export const EventTypeDetail: S = extend(EventType, {
  example: { description: "The type's example, or one derived from its schema." },
});

export const EventTypeInput: S = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: 200, description: 'Dotted name, e.g. "invoice.paid".' },
    description: { type: 'string', maxLength: 1000 },
    schema: { type: 'object', description: 'JSON Schema (2020-12) of the event data; $ref only within it.' },
    example: { description: 'A sample data value; must match the schema.' },
    deprecated: { type: 'boolean' },
  },
};

export const EventTypeUpdate: S = {
  type: 'object',
  additionalProperties: false,
  properties: {
    description: { type: ['string', 'null'], maxLength: 1000 },
    schema: { type: ['object', 'null'] },
    example: { description: 'A sample data value; null removes it.' },
    deprecated: { type: 'boolean' },
  },
};

export const TestFilterInput: S = {
  type: 'object',
  required: ['data'],
  additionalProperties: false,
  properties: { data: { description: 'A sample event data value.' } },
};

export const TestFilterAnswer: S = {
  type: 'object',
  required: ['matches'],
  additionalProperties: false,
  properties: { matches: { type: 'boolean' } },
};

export const SendExampleInput: S = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', maxLength: 200, description: 'The event type to send.' },
    data: { description: "The data to send; the catalogue's example of the type when absent." },
  },
};

export const ExampleAttempt: S = {
  type: 'object',
  required: ['eventId', 'type', 'status', 'succeeded', 'durationMs', 'responseExcerpt', 'error'],
  additionalProperties: false,
  properties: {
    eventId: { type: 'string' },
    type: { type: 'string' },
    status: { type: ['integer', 'null'], description: 'HTTP status; null when no response came.' },
    succeeded: { type: 'boolean', description: 'A 2xx answer.' },
    durationMs: { type: 'number', minimum: 0 },
    responseExcerpt: { type: ['string', 'null'], description: 'The first 1024 characters of the answer.' },
    error: { type: ['string', 'null'], description: 'Timeout, connection error or blocked address.' },
  },
};

const windowStats: S = {
  type: 'object',
  required: ['attempts', 'successes', 'failures', 'latencyMs'],
  additionalProperties: false,
  properties: {
    attempts: { type: 'integer', minimum: 0 },
    successes: { type: 'integer', minimum: 0, description: 'Attempts answered 2xx.' },
    failures: { type: 'integer', minimum: 0 },
    latencyMs: {
      type: ['object', 'null'],
      required: ['p50', 'p95', 'p99'],
      additionalProperties: false,
      properties: { p50: { type: 'number' }, p95: { type: 'number' }, p99: { type: 'number' } },
      description: 'Nearest-rank percentiles of attempt durations; null without attempts.',
    },
  },
};

export const SubscriptionStats: S = {
  type: 'object',
  required: ['lastHour', 'lastDay'],
  additionalProperties: false,
  properties: { lastHour: windowStats, lastDay: windowStats },
};

export const ErrorAnswer: S = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        field: {
          type: 'string',
          description: 'The input at fault, as a path (url, headers.x-a, filter.$or[1]).',
        },
      },
    },
  },
};

/** Named schemas: the document's components. */
export const COMPONENTS: Record<string, S> = {
  Subscription,
  SubscriptionCreated,
  SubscriptionInput,
  SubscriptionUpdate,
  SubscriptionPage,
  Delivery,
  DeliveryWithAttempts,
  DeliveryPage,
  Attempt,
  SecretAnswer,
  RotateSecretInput,
  RotateSecretAnswer,
  RecoverInput,
  PublishInput,
  PublishAnswer,
  RedeliverInput,
  EventType,
  EventTypeList,
  EventTypeDetail,
  EventTypeInput,
  EventTypeUpdate,
  TestFilterInput,
  TestFilterAnswer,
  SendExampleInput,
  ExampleAttempt,
  SubscriptionStats,
  Error: ErrorAnswer,
};
