import fc from 'fast-check';

/**
 * The management API's routes and their input schema, as fast-check arbitraries: every path
 * parameter, query parameter and body field gets valid values and junk, so a run mixes well-formed
 * requests (which must succeed or be refused for a stated reason) with every kind of malformed one.
 */
export type ResourceKind = 'subscription' | 'delivery' | 'event' | 'eventType' | 'inboxEvent';

export interface Ids {
  subscription: string;
  delivery: string;
  event: string;
  /** A name in the (global) event-type catalogue. */
  eventType: string;
  /** An event in the operator's inbox (the inbox has no tenants). */
  inboxEvent: string;
}

export interface RouteSpec {
  method: string;
  /** OpenAPI style: `{id}` or `{name}` is replaced by the path parameter. */
  path: string;
  kind?: ResourceKind;
  /** Who the fuzz calls it as: a tenant (default) or the operator, for the operator-only routes. */
  caller?: 'tenant' | 'operator';
  /** Where it is mounted: the management API (`/api`, in the OpenAPI document) or beside it over HTTP. */
  mount?: 'api' | 'http';
  /** Valid values of the query parameters. */
  query: Record<string, fc.Arbitrary<string>>;
  /** Valid values of the body fields; `undefined` for routes that take no body. */
  body?: Record<string, fc.Arbitrary<unknown>>;
  /** Body fields a valid request always has. */
  required?: string[];
}

export interface FuzzCase {
  method: string;
  path: string;
  /** Raw body text, `undefined` for none. */
  body: string | undefined;
}

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, '', -1, 1e308, '__proto__', { constructor: 1 }, '\u0000', 'a'.repeat(5000)),
);

const ulid = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/);
const word = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
const eventType = fc.oneof(
  fc.constantFrom('fuzz.created', 'fuzz.deleted', 'order.paid'),
  fc.tuple(word, word).map(([a, b]) => `fuzz.${a}.${b}`),
);
const filters = fc.array(fc.oneof(fc.constantFrom('*', 'fuzz.*', 'fuzz.created', 'other.*'), eventType), {
  minLength: 1,
  maxLength: 4,
});
const secret = fc
  .uint8Array({ minLength: 24, maxLength: 64 })
  .map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`);
const printable = fc.stringMatching(/^[ -~]{0,30}$/);
const headers = fc.dictionary(fc.stringMatching(/^X-[A-Za-z0-9-]{1,15}$/), printable, { maxKeys: 3 });
const metadata = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), printable, { maxKeys: 3 });

/** Junk that looks close to valid: the values a careless or hostile client sends. */
const nearMisses: Record<string, fc.Arbitrary<unknown>> = {
  url: fc.constantFrom(
    'nope',
    'ftp://127.0.0.1/x',
    'http://user:pw@127.0.0.1/x',
    'javascript:alert(1)',
    'http://[::1',
    'http://169.254.169.254/latest/meta-data',
    `http://127.0.0.1/${'x'.repeat(3000)}`,
  ),
  events: fc.constantFrom([], ['in*voice'], ['a..b'], ['\u0000'], ['é.x'], [''], ['*'.repeat(300)]),
  secret: fc.constantFrom('short', 'whsec_', 'whsec_!!!!', 'not-whsec'),
  headers: fc.constantFrom(
    { Host: 'x' },
    { 'webhook-id': 'x' },
    { 'Transfer-Encoding': 'x' },
    { 'x-a': 'a\r\nb' },
    { 'bad name': 'a' },
    { constructor: 'a' },
    { toString: 'a' },
  ),
  metadata: fc.constantFrom({ a: 1 }, { a: null }, { '': 'x' }),
  retrySchedule: fc.constantFrom([-1], [1e12], ['1'], [Number.NaN]),
  filter: fc.constantFrom(
    { total: { $bogus: 1 } },
    { total: { $in: 5 } },
    { $or: [] },
    { $and: 'x' },
    { '': 1 },
    { total: { $gt: { $lt: 1 } } },
    { a: { $not: { $not: { $not: { $prefix: 7 } } } } },
    JSON.parse(`${'{"a":'.repeat(60)}1${'}'.repeat(60)}`),
  ),
  ordered: fc.constantFrom('yes', 1, null),
  rateLimit: fc.constantFrom(0, -1, 1e9, '5', null, Number.MIN_VALUE),
  signing: fc.constantFrom('rsa', 'HMAC', '', null),
  name: fc.constantFrom('', 'a..b', '\u0000', 'é.x', '*', 'fuzz.*', '.x', 'x.', 'a'.repeat(300), '__proto__'),
  schema: fc.constantFrom(
    { type: 'nope' },
    { $ref: 'http://169.254.169.254/x' },
    { $ref: '#/nope' },
    { $ref: '#' },
    { type: 'string', pattern: '(' },
    { properties: { a: { $ref: '#/properties/a' } } },
    { type: 'object', required: 'a' },
    { allOf: [{ $ref: '#' }] },
  ),
  data: fc.constantFrom(
    undefined,
    '\u0000',
    { __proto__: null, a: 1 },
    JSON.parse(`${'['.repeat(80)}${']'.repeat(80)}`),
  ),
  tenant: fc.constantFrom('', 'a\u0000', 'x'.repeat(201), 5),
  expiresIn: fc.constantFrom(0, -1, 2_592_001, 1.5, '60', null),
  before: fc.constantFrom('', 'yesterday', -1, 1e20, '2025-13-45'),
  status: fc.constantFrom('done', '', 5),
  provider: fc.constantFrom('', 5, '../github'),
};

function field(name: string, valid: fc.Arbitrary<unknown>) {
  return fc.oneof(
    { weight: 8, arbitrary: valid },
    { weight: 1, arbitrary: nearMisses[name] ?? junk },
    { weight: 1, arbitrary: junk },
  );
}

/** A deliverable subscription URL on the test's own subscriber. */
export function urlArbitrary(subscriberBase: string) {
  return fc.string({ maxLength: 20 }).map((p) => `${subscriberBase}/fuzz/${encodeURIComponent(p)}`);
}

const payloadFilter = fc.oneof(
  fc.record({
    'data.marker': fc.oneof(printable, fc.record({ $in: fc.array(printable, { maxLength: 3 }) })),
  }),
  fc.record({ total: fc.record({ $gte: fc.integer(), $lt: fc.integer() }, { requiredKeys: [] }) }),
  fc.record({
    $or: fc.array(fc.record({ currency: fc.constantFrom('EUR', 'USD') }), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ tag: fc.record({ $exists: fc.boolean() }) }),
  fc.record({ name: fc.record({ $not: fc.record({ $prefix: printable }) }) }),
);
const dataSchema = fc.constantFrom(
  { type: 'object' },
  { type: 'object', required: ['total'], properties: { total: { type: 'number', minimum: 0 } } },
  {
    type: 'object',
    properties: { id: { type: 'string', pattern: '^in_' }, at: { type: 'string', format: 'date-time' } },
  },
  { $defs: { n: { type: 'integer' } }, type: 'object', properties: { n: { $ref: '#/$defs/n' } } },
  { type: 'array', items: { enum: ['a', 'b'] }, maxItems: 3 },
);
const time = fc.oneof(
  fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.integer({ min: 0, max: 2 ** 42 }),
);

export function routeSpecs(subscriberBase: string): RouteSpec[] {
  const page = {
    limit: fc.integer({ min: 1, max: 1000 }).map(String),
    cursor: ulid.map((u) => `sub_${u}`),
  };
  const subscriptionFields = {
    url: urlArbitrary(subscriberBase),
    events: filters,
    headers,
    metadata,
    description: fc.string({ maxLength: 60 }),
    format: fc.constantFrom('standard', 'aspnet'),
    retrySchedule: fc.array(fc.integer({ min: 0, max: 86_400 }), { minLength: 1, maxLength: 4 }),
    disabled: fc.boolean(),
    filter: payloadFilter,
    ordered: fc.boolean(),
    rateLimit: fc.oneof(
      fc.integer({ min: 1, max: 100_000 }),
      fc.double({ min: 0.001, max: 10, noNaN: true }),
    ),
  };
  const eventTypeFields = {
    description: fc.string({ maxLength: 80 }),
    schema: dataSchema,
    example: fc.jsonValue({ maxDepth: 2 }),
    deprecated: fc.boolean(),
  };
  return [
    { method: 'GET', path: '/openapi.json', query: {} },
    { method: 'GET', path: '/event-types', query: {} },
    {
      method: 'POST',
      path: '/event-types',
      caller: 'operator',
      query: {},
      body: { name: eventType, ...eventTypeFields },
      required: ['name'],
    },
    { method: 'GET', path: '/event-types/{name}', kind: 'eventType', query: {} },
    {
      method: 'PATCH',
      path: '/event-types/{name}',
      kind: 'eventType',
      caller: 'operator',
      query: {},
      body: {
        ...eventTypeFields,
        description: fc.option(eventTypeFields.description),
        schema: fc.option(dataSchema),
      },
    },
    {
      method: 'POST',
      path: '/event-types/{name}/deprecate',
      kind: 'eventType',
      caller: 'operator',
      query: {},
    },
    { method: 'GET', path: '/subscriptions', query: page },
    {
      method: 'POST',
      path: '/subscriptions',
      query: {},
      body: { ...subscriptionFields, secret, signing: fc.constantFrom('hmac', 'ed25519') },
      required: ['url', 'events'],
    },
    { method: 'GET', path: '/subscriptions/{id}', kind: 'subscription', query: {} },
    {
      method: 'PATCH',
      path: '/subscriptions/{id}',
      kind: 'subscription',
      query: {},
      body: {
        ...subscriptionFields,
        description: fc.option(fc.string({ maxLength: 60 })),
        retrySchedule: fc.option(subscriptionFields.retrySchedule),
        filter: fc.option(payloadFilter),
        rateLimit: fc.option(subscriptionFields.rateLimit),
      },
    },
    { method: 'GET', path: '/subscriptions/{id}/secret', kind: 'subscription', query: {} },
    {
      method: 'POST',
      path: '/subscriptions/{id}/rotate-secret',
      kind: 'subscription',
      query: {},
      body: { secret, graceSeconds: fc.integer({ min: 0, max: 2_592_000 }) },
    },
    {
      method: 'GET',
      path: '/subscriptions/{id}/deliveries',
      kind: 'subscription',
      query: { ...page, status: fc.constantFrom('pending', 'succeeded', 'failed') },
    },
    {
      method: 'POST',
      path: '/subscriptions/{id}/recover',
      kind: 'subscription',
      query: {},
      body: { since: time },
      required: ['since'],
    },
    {
      method: 'POST',
      path: '/subscriptions/{id}/test-filter',
      kind: 'subscription',
      query: {},
      body: { data: fc.jsonValue({ maxDepth: 3 }) },
      required: ['data'],
    },
    {
      method: 'POST',
      path: '/subscriptions/{id}/send-example',
      kind: 'subscription',
      query: {},
      body: { type: eventType, data: fc.jsonValue({ maxDepth: 2 }) },
      required: ['type'],
    },
    { method: 'GET', path: '/subscriptions/{id}/stats', kind: 'subscription', query: {} },
    { method: 'GET', path: '/deliveries/{id}', kind: 'delivery', query: {} },
    { method: 'POST', path: '/deliveries/{id}/retry', kind: 'delivery', query: {} },
    {
      method: 'POST',
      path: '/events',
      query: {},
      body: {
        type: eventType,
        data: fc.jsonValue({ maxDepth: 3 }),
        id: fc.stringMatching(/^[A-Za-z0-9_:-]{1,40}$/),
      },
      required: ['type'],
    },
    {
      method: 'POST',
      path: '/events/{id}/redeliver',
      kind: 'event',
      query: {},
      body: { subscriptionId: ulid.map((u) => `sub_${u}`) },
    },
    { method: 'DELETE', path: '/subscriptions/{id}', kind: 'subscription', query: {} },
  ];
}

/**
 * The operator-only routes mounted beside the management API (not in its OpenAPI document): the
 * inbox's operations (@hookwire/inbox, at /api/inbox) and the portal links (@hookwire/dashboard).
 */
export function operatorHttpSpecs(): RouteSpec[] {
  const common = { caller: 'operator', mount: 'http' } as const;
  const inboxStatus = fc.constantFrom('pending', 'processed', 'dead');
  return [
    {
      ...common,
      method: 'GET',
      path: '/inbox/events',
      query: {
        provider: fc.constantFrom('github', 'stripe', 'nope'),
        name: fc.constantFrom('push', 'ping', 'x'),
        status: inboxStatus,
        since: time.map(String),
        until: time.map(String),
        limit: fc.integer({ min: 1, max: 500 }).map(String),
      },
    },
    { ...common, method: 'GET', path: '/inbox/events/{id}', kind: 'inboxEvent', query: {} },
    { ...common, method: 'POST', path: '/inbox/events/{id}/retry', kind: 'inboxEvent', query: {} },
    { ...common, method: 'POST', path: '/inbox/events/{id}/replay', kind: 'inboxEvent', query: {} },
    {
      ...common,
      method: 'POST',
      path: '/inbox/retry-dead',
      query: {},
      body: { since: time },
      required: ['since'],
    },
    {
      ...common,
      method: 'POST',
      path: '/inbox/purge',
      query: {},
      // `before` far in the past: a valid purge must not empty the inbox the other cases use.
      body: {
        status: inboxStatus,
        provider: fc.constantFrom('nope', 'stripe'),
        before: fc.integer({ min: 0, max: 1e9 }),
      },
    },
    {
      ...common,
      method: 'POST',
      path: '/portal-links',
      query: {},
      body: {
        tenant: fc.oneof(word, fc.constantFrom('acme', 'globex')),
        expiresIn: fc.integer({ min: 1, max: 2_592_000 }),
      },
      required: ['tenant'],
    },
  ];
}

const PREFIX: Record<ResourceKind, string> = {
  subscription: 'sub',
  delivery: 'dlv',
  event: 'evt',
  eventType: 'fuzz',
  inboxEvent: 'ibx',
};

/** A path parameter: the caller's own id, the other tenant's, a well-formed unknown one, or junk. */
function idArbitrary(kind: ResourceKind, own: Ids, other: Ids) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(own[kind]) },
    { weight: 2, arbitrary: fc.constant(other[kind]) },
    {
      weight: 2,
      arbitrary:
        kind === 'eventType' ? eventType.map(encodeURIComponent) : ulid.map((u) => `${PREFIX[kind]}_${u}`),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '%2F', '%00', 'x'.repeat(3000)) },
  );
}

function queryArbitrary(spec: RouteSpec) {
  const known = Object.entries(spec.query).map(([key, value]) =>
    fc
      .oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) })
      .map((v) => [key, v] as [string, string]),
  );
  const unknown = fc.tuple(
    fc.oneof(fc.constantFrom('tenant', 'x', 'constructor', '__proto__', ''), fc.string({ maxLength: 8 })),
    fc.string({ maxLength: 10 }),
  );
  const valid = fc
    .uniqueArray(fc.oneof(...(known.length ? known : [fc.constant(['', ''] as [string, string])])), {
      maxLength: known.length,
      selector: ([key]) => key,
    })
    .map((pairs) => (known.length && pairs.length ? `?${new URLSearchParams(pairs)}` : ''));
  return fc.oneof(
    { weight: 8, arbitrary: valid },
    { weight: 1, arbitrary: unknown.map((pair) => `?${new URLSearchParams([pair])}`) },
    { weight: 1, arbitrary: fc.constantFrom('?%zz=1', '?limit=%', '?&&&', '?limit=1&limit=2', '?=1') },
  );
}

function bodyArbitrary(spec: RouteSpec): fc.Arbitrary<string | undefined> {
  if (!spec.body) {
    return fc.oneof(
      { weight: 8, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('{}', '{"a":1}', 'null', '[', '""') },
    );
  }
  const body = spec.body;
  const required = spec.required ?? [];
  const valid = fc.record(body, { requiredKeys: required });
  const withJunk = fc.record(
    Object.fromEntries(Object.entries(body).map(([name, value]) => [name, field(name, value)])),
    { requiredKeys: [] },
  );
  const extra = fc
    .tuple(valid, fc.dictionary(fc.string({ maxLength: 8 }), junk, { minKeys: 1, maxKeys: 2 }))
    .map(([known, more]) => ({ ...more, ...known }));
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((value) => JSON.stringify(value)) },
    { weight: 4, arbitrary: withJunk.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: extra.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: junk.map((value) => JSON.stringify(value)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        undefined,
        '',
        '{',
        '[1,',
        'null',
        '"text"',
        '\u00ff\u00fe',
        '{"__proto__":{"x":1}}',
      ),
    },
  );
}

/** Requests for one route, aimed by a tenant at its own ids (`own`) and another tenant's (`other`). */
export function caseArbitrary(spec: RouteSpec, own: Ids, other: Ids): fc.Arbitrary<FuzzCase> {
  const id = spec.kind ? idArbitrary(spec.kind, own, other) : fc.constant('');
  return fc.tuple(id, queryArbitrary(spec), bodyArbitrary(spec)).map(([param, query, body]) => ({
    method: spec.method,
    path: `${spec.path.replace(/\{\w+\}/, param)}${query}`,
    body,
  }));
}
