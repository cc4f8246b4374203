import fc from 'fast-check';

/**
 * The management API's routes and their input schema, as fast-check arbitraries: every path
 * parameter, query parameter and body field gets valid values and junk, so a run mixes well-formed
 * requests (which must succeed or be refused for a stated reason) with every kind of malformed one.
 */
export type ResourceKind = 'subscription' | 'delivery' | 'event';

export interface Ids {
  subscription: string;
  delivery: string;
  event: string;
}

export interface RouteSpec {
  method: string;
  /** `:id` is replaced by the path parameter. */
  path: string;
  kind?: ResourceKind;
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
  };
  return [
    { method: 'GET', path: '/event-types', query: {} },
    { method: 'GET', path: '/subscriptions', query: page },
    {
      method: 'POST',
      path: '/subscriptions',
      query: {},
      body: { ...subscriptionFields, secret },
      required: ['url', 'events'],
    },
    { method: 'GET', path: '/subscriptions/:id', kind: 'subscription', query: {} },
    {
      method: 'PATCH',
      path: '/subscriptions/:id',
      kind: 'subscription',
      query: {},
      body: { ...subscriptionFields, description: fc.option(fc.string({ maxLength: 60 })) },
    },
    { method: 'GET', path: '/subscriptions/:id/secret', kind: 'subscription', query: {} },
    {
      method: 'POST',
      path: '/subscriptions/:id/rotate-secret',
      kind: 'subscription',
      query: {},
      body: { secret, graceSeconds: fc.integer({ min: 0, max: 2_592_000 }) },
    },
    {
      method: 'GET',
      path: '/subscriptions/:id/deliveries',
      kind: 'subscription',
      query: { ...page, status: fc.constantFrom('pending', 'succeeded', 'failed') },
    },
    {
      method: 'POST',
      path: '/subscriptions/:id/recover',
      kind: 'subscription',
      query: {},
      body: {
        since: fc.oneof(
          fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()),
          fc.integer({ min: 0, max: 2 ** 42 }),
        ),
      },
      required: ['since'],
    },
    { method: 'GET', path: '/deliveries/:id', kind: 'delivery', query: {} },
    { method: 'POST', path: '/deliveries/:id/retry', kind: 'delivery', query: {} },
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
      path: '/events/:id/redeliver',
      kind: 'event',
      query: {},
      body: { subscriptionId: ulid.map((u) => `sub_${u}`) },
    },
    { method: 'DELETE', path: '/subscriptions/:id', kind: 'subscription', query: {} },
  ];
}

const PREFIX: Record<ResourceKind, string> = { subscription: 'sub', delivery: 'dlv', event: 'evt' };

/** A path parameter: the caller's own id, the other tenant's, a well-formed unknown one, or junk. */
function idArbitrary(kind: ResourceKind, own: Ids, other: Ids) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(own[kind]) },
    { weight: 2, arbitrary: fc.constant(other[kind]) },
    { weight: 2, arbitrary: ulid.map((u) => `${PREFIX[kind]}_${u}`) },
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
    path: `${spec.path.replace(':id', param)}${query}`,
    body,
  }));
}
