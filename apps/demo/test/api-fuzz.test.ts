import { createWebhookRequest, type RequestHandler } from '@hookwire/core';
import { signGitHubRequest } from '@hookwire/github/testing';
import { devSecret } from '@hookwire/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseArbitrary,
  type FuzzCase,
  type Ids,
  operatorHttpSpecs,
  type RouteSpec,
  routeSpecs,
} from './api-model.js';
import { OPERATOR_TOKEN, post, startTestDemo, TENANT_TOKENS } from './support.js';

// Property-based fuzzing of every management route of the demo (its SQLite sender, its auth),
// from the routes' input schema (api-model.ts). Property: a 2xx, or a 4xx whose body names the
// error (and the field, for bad input); never a 5xx; never another tenant's data. The routes come
// from the demo's own OpenAPI document, so a route added later is fuzzed here, and fails until
// api-model.ts models it. Most cases call the demo's /api handler without a socket (thousands per
// route in a few seconds); the routes mounted beside it (inbox, portal links) and a sample of every
// route go over HTTP. FUZZ_SEED=<n> replays a run; a failure prints its seed and path.
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 2000);
const HTTP_MOUNT_RUNS = Math.ceil(RUNS_PER_ROUTE / 4);
const HTTP_RUNS_PER_ROUTE = 40;
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

// The `api` role: deliveries are stored, never attempted, so the fuzz measures the API alone.
// Started while the file is collected: its OpenAPI document names the tests.
const t = await startTestDemo({ HOOKWIRE_ROLE: 'api' });
const api: RequestHandler = t.demo.api!;
const documentText = (await call('', 'GET', '/openapi.json')).text;
const document = JSON.parse(documentText) as {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
};
type Schema = { $ref?: string; properties?: Record<string, unknown> };
const documented = Object.entries(document.paths)
  .flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  )
  // DELETE last: the other routes want the caller's subscription to exist.
  .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

let acme: Ids;
let globex: Ids;
/** Strings only acme's data contains: none may appear in an answer to globex. */
let acmeMarkers: string[];
let acmeBefore: string;

async function call(token: string, method: string, path: string, body?: string) {
  const response = await api.handle(
    createWebhookRequest({
      method,
      url: `http://127.0.0.1/api${path}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body } : {}),
    }),
  );
  const text = response.body === undefined ? '' : Buffer.from(response.body).toString('utf8');
  return { status: response.status, text };
}

async function overHttp(token: string, request: FuzzCase) {
  const response = await fetch(`${t.base}/api${request.path}`, {
    method: request.method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(request.body !== undefined && request.method !== 'GET' ? { body: request.body } : {}),
  });
  return { status: response.status, text: await response.text() };
}

async function resources(token: string, marker: string) {
  const created = await call(
    token,
    'POST',
    '/subscriptions',
    JSON.stringify({
      url: t.subscriberUrl(`/private-${marker}`),
      events: ['fuzz.*'],
      metadata: { owner: `meta-${marker}` },
      description: `desc-${marker}`,
      filter: { marker: { $prefix: `filter-${marker}` } },
    }),
  );
  expect(created.status).toBe(201);
  const subscription = JSON.parse(created.text) as { id: string; secret: string };
  const published = await call(
    token,
    'POST',
    '/events',
    JSON.stringify({ type: 'fuzz.created', data: { marker: `filter-${marker}` } }),
  );
  const event = (JSON.parse(published.text) as { id: string }).id;
  const list = await call(token, 'GET', `/subscriptions/${subscription.id}/deliveries`);
  const delivery = (JSON.parse(list.text) as { items: { id: string }[] }).items[0]!.id;
  return { subscription: subscription.id, delivery, event, secret: subscription.secret };
}

async function acmeState(): Promise<string> {
  const parts = await Promise.all(
    [
      `/subscriptions/${acme.subscription}`,
      `/subscriptions/${acme.subscription}/secret`,
      `/deliveries/${acme.delivery}`,
    ].map((path) => call(TENANT_TOKENS.acme, 'GET', path)),
  );
  return JSON.stringify(parts);
}

/** The property, as a list of what is wrong with one answer (empty when it holds). */
function problems(request: FuzzCase, status: number, text: string): string[] {
  const found: string[] = [];
  if (status >= 500 || status < 200 || (status >= 300 && status < 400)) found.push(`status ${status}`);
  if (status >= 400) {
    let error: { code?: unknown; message?: unknown; field?: unknown } | undefined;
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error;
    } catch {
      found.push('error body is not JSON');
    }
    if (typeof error?.code !== 'string' || typeof error.message !== 'string')
      found.push('error without code/message');
    if (
      (error?.code === 'invalid_input' || error?.code === 'invalid_request') &&
      typeof error.field !== 'string'
    ) {
      found.push(`${error.code} without the field`);
    }
  }
  const asked = `${request.path} ${request.body ?? ''}`;
  for (const marker of acmeMarkers) {
    if (text.includes(marker) && !asked.includes(marker)) found.push(`answer shows acme's ${marker}`);
  }
  return found;
}

/**
 * What a tenant gets on an operator-only route: 403; 404 or 405 where the junk path is another
 * route's (`/event-types//deprecate` is `/event-types/deprecate`); never any data.
 */
function refusedProblems(status: number, text: string): string[] {
  const found: string[] = [];
  if (![403, 404, 405].includes(status)) found.push(`status ${status}, not 403/404/405`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [...found, 'error body is not JSON'];
  }
  const keys = JSON.stringify(Object.keys(parsed as object));
  if (keys !== '["error"]') found.push(`the answer carries ${keys}`);
  if (text.includes(globex.inboxEvent) || text.includes('ref')) found.push('the answer shows inbox data');
  return found;
}

function tokenOf(spec: RouteSpec) {
  return spec.caller === 'operator' ? OPERATOR_TOKEN : TENANT_TOKENS.globex;
}

async function send(spec: RouteSpec, token: string, request: FuzzCase) {
  return spec.mount === 'http'
    ? overHttp(token, request)
    : call(token, request.method, request.path, request.body);
}

function failure(wrong: string[], status: number, text: string) {
  return new Error(`${wrong.join('; ')}\nanswer ${status}: ${text.slice(0, 300)}`);
}

async function fuzz(spec: RouteSpec, numRuns: number) {
  await fc.assert(
    fc.asyncProperty(caseArbitrary(spec, globex, acme), async (request) => {
      const { status, text } = await send(spec, tokenOf(spec), request);
      const wrong = problems(request, status, text);
      if (wrong.length > 0) throw failure(wrong, status, text);
    }),
    { numRuns, ...(seed !== undefined ? { seed } : {}) },
  );
  if (spec.caller !== 'operator') return;
  // The same cases from a tenant: refused, with nothing of what the route holds.
  await fc.assert(
    fc.asyncProperty(caseArbitrary(spec, globex, acme), async (request) => {
      const { status, text } = await send(spec, TENANT_TOKENS.globex, request);
      const wrong = refusedProblems(status, text);
      if (wrong.length > 0) throw failure(wrong, status, text);
    }),
    { numRuns: Math.ceil(numRuns / 10), ...(seed !== undefined ? { seed } : {}) },
  );
}

beforeAll(async () => {
  const a = await resources(TENANT_TOKENS.acme, 'acme-7f3a');
  const g = await resources(TENANT_TOKENS.globex, 'globex-2c9d');
  // A received webhook in the operator's inbox (stored, not processed, in the `api` role).
  const received = signGitHubRequest({
    secret: devSecret('github'),
    event: 'push',
    payload: { ref: 'refs/heads/fuzz' },
    deliveryId: 'fuzz-delivery-1',
  });
  expect((await post(t.base, '/webhooks/github', received)).status).toBe(200);
  const inbox = await overHttp(OPERATOR_TOKEN, { method: 'GET', path: '/inbox/events', body: undefined });
  const inboxEvent = (JSON.parse(inbox.text) as { items: { id: string }[] }).items[0]!.id;
  const catalogued = await call(
    OPERATOR_TOKEN,
    'POST',
    '/event-types',
    JSON.stringify({ name: 'fuzz.created', description: 'Fuzzed.', schema: { type: 'object' } }),
  );
  expect(catalogued.status).toBe(201);
  acme = { ...a, eventType: 'fuzz.created', inboxEvent };
  globex = { ...g, eventType: 'fuzz.created', inboxEvent };
  acmeMarkers = [
    a.secret,
    'private-acme-7f3a',
    'meta-acme-7f3a',
    'desc-acme-7f3a',
    'filter-acme-7f3a',
    acme.subscription,
    acme.delivery,
    acme.event,
  ];
  acmeBefore = await acmeState();
});

afterAll(async () => {
  await t.close();
});

const models = routeSpecs(t.subscriberUrl(''));
const modelOf = (method: string, path: string) => models.find((s) => s.method === method && s.path === path);

describe('management API fuzz (fast-check): every documented route, and the inbox and portal links', () => {
  it('models every route of the OpenAPI document, and every field of its request bodies', () => {
    const unmodelled = documented
      .filter((r) => !modelOf(r.method, r.path))
      .map((r) => `${r.method} ${r.path}`);
    expect(unmodelled, 'documented routes without a model in api-model.ts').toEqual([]);
    const stale = models.filter((m) => !documented.some((r) => r.method === m.method && r.path === m.path));
    expect(
      stale.map((m) => `${m.method} ${m.path}`),
      'models of routes no longer documented',
    ).toEqual([]);
    for (const route of documented) {
      const body = document.paths[route.path]![route.method.toLowerCase()]!.requestBody;
      let schema = body?.content['application/json']?.schema;
      if (schema?.$ref) schema = document.components.schemas[schema.$ref.split('/').pop()!];
      // `tenant` is the operator's own field: the tenant fuzz sends it as junk, refused.
      const fields = Object.keys(schema?.properties ?? {}).filter((name) => name !== 'tenant');
      const modelled = Object.keys(modelOf(route.method, route.path)?.body ?? {});
      expect(modelled.sort(), `${route.method} ${route.path}: body fields`).toEqual(fields.sort());
    }
  });

  for (const route of documented) {
    const who = modelOf(route.method, route.path)?.caller ?? 'tenant';
    it(`${route.method} ${route.path} (as ${who === 'operator' ? 'the operator, then globex' : 'globex'}): 2xx or a 4xx naming the field; never 5xx, never acme's data`, async () => {
      const spec = modelOf(route.method, route.path);
      if (!spec)
        throw new Error(`${route.method} ${route.path} is documented but has no model in api-model.ts`);
      await fuzz(spec, RUNS_PER_ROUTE);
      expect(await acmeState()).toBe(acmeBefore);
    }, 60_000);
  }

  for (const spec of operatorHttpSpecs()) {
    it(`${spec.method} /api${spec.path} over HTTP (as the operator, then globex): 2xx or a 4xx naming the field; never 5xx`, async () => {
      await fuzz(spec, HTTP_MOUNT_RUNS);
      expect(await acmeState()).toBe(acmeBefore);
    }, 60_000);
  }

  it('holds over HTTP too, through the Express adapter, for a sample of every route', async () => {
    const routes = models.filter((spec) => spec.caller !== 'operator');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(...routes.map((spec) => caseArbitrary(spec, globex, acme))),
        async (request) => {
          const { status, text } = await overHttp(TENANT_TOKENS.globex, request);
          const wrong = problems(request, status, text);
          if (wrong.length > 0) throw failure(wrong, status, text);
        },
      ),
      { numRuns: HTTP_RUNS_PER_ROUTE * routes.length, ...(seed !== undefined ? { seed } : {}) },
    );
    expect(await acmeState()).toBe(acmeBefore);
  }, 60_000);
});
