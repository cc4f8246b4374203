import { createWebhookRequest, type RequestHandler } from '@hookwire/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseArbitrary, type FuzzCase, type Ids, routeSpecs } from './api-model.js';
import { startTestDemo, TENANT_TOKENS, type TestDemo } from './support.js';

// Property-based fuzzing of every management route of the demo (its SQLite sender, its auth),
// from the routes' input schema (api-model.ts). Property: a 2xx, or a 4xx whose body names the
// error (and the field, for bad input); never a 5xx; never another tenant's data. Most cases call
// the demo's /api handler without a socket (thousands per route in a few seconds); a sample per
// route goes over HTTP as well. FUZZ_SEED=<n> replays a run; a failure prints its seed and path.
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 2000);
const HTTP_RUNS_PER_ROUTE = 40;
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

let t: TestDemo;
let api: RequestHandler;
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

async function resources(token: string, marker: string): Promise<{ ids: Ids; secret: string }> {
  const created = await call(
    token,
    'POST',
    '/subscriptions',
    JSON.stringify({
      url: t.subscriberUrl(`/private-${marker}`),
      events: ['fuzz.*'],
      metadata: { owner: `meta-${marker}` },
      description: `desc-${marker}`,
    }),
  );
  expect(created.status).toBe(201);
  const subscription = JSON.parse(created.text) as { id: string; secret: string };
  const published = await call(
    token,
    'POST',
    '/events',
    JSON.stringify({ type: 'fuzz.created', data: { marker } }),
  );
  const event = (JSON.parse(published.text) as { id: string }).id;
  const list = await call(token, 'GET', `/subscriptions/${subscription.id}/deliveries`);
  const delivery = (JSON.parse(list.text) as { items: { id: string }[] }).items[0]!.id;
  return { ids: { subscription: subscription.id, delivery, event }, secret: subscription.secret };
}

async function acmeState(): Promise<string> {
  const parts = await Promise.all([
    call(TENANT_TOKENS.acme, 'GET', `/subscriptions/${acme.subscription}`),
    call(TENANT_TOKENS.acme, 'GET', `/subscriptions/${acme.subscription}/secret`),
    call(TENANT_TOKENS.acme, 'GET', `/deliveries/${acme.delivery}`),
  ]);
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
    if (error?.code === 'invalid_input' && typeof error.field !== 'string') {
      found.push('invalid_input without the field');
    }
  }
  const asked = `${request.path} ${request.body ?? ''}`;
  for (const marker of acmeMarkers) {
    if (text.includes(marker) && !asked.includes(marker)) found.push(`answer shows acme's ${marker}`);
  }
  return found;
}

beforeAll(async () => {
  // The `api` role: deliveries are stored, never attempted, so the fuzz measures the API alone.
  t = await startTestDemo({ HOOKWIRE_ROLE: 'api' });
  api = t.demo.api!;
  const a = await resources(TENANT_TOKENS.acme, 'acme-7f3a');
  const g = await resources(TENANT_TOKENS.globex, 'globex-2c9d');
  acme = a.ids;
  globex = g.ids;
  acmeMarkers = [
    a.secret,
    'private-acme-7f3a',
    'meta-acme-7f3a',
    'desc-acme-7f3a',
    acme.subscription,
    acme.delivery,
    acme.event,
  ];
  acmeBefore = await acmeState();
});

afterAll(async () => {
  await t?.close();
});

describe('management API fuzz (fast-check), as tenant globex', () => {
  const specs = routeSpecs('http://127.0.0.1:9');

  for (const spec of specs) {
    it(`${spec.method} ${spec.path}: 2xx or a 4xx naming the field; never 5xx, never acme's data`, async () => {
      const local = routeSpecs(t.subscriberUrl('')).find(
        (s) => s.method === spec.method && s.path === spec.path,
      )!;
      await fc.assert(
        fc.asyncProperty(caseArbitrary(local, globex, acme), async (request) => {
          const { status, text } = await call(
            TENANT_TOKENS.globex,
            request.method,
            request.path,
            request.body,
          );
          const wrong = problems(request, status, text);
          if (wrong.length > 0)
            throw new Error(`${wrong.join('; ')}\nanswer ${status}: ${text.slice(0, 300)}`);
        }),
        { numRuns: RUNS_PER_ROUTE, ...(seed !== undefined ? { seed } : {}) },
      );
      expect(await acmeState()).toBe(acmeBefore);
    }, 60_000);
  }

  it('holds over HTTP too, through the Express adapter, for a sample of every route', async () => {
    const routes = routeSpecs(t.subscriberUrl(''));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(...routes.map((spec) => caseArbitrary(spec, globex, acme))),
        async (request) => {
          const response = await fetch(`${t.base}/api${request.path}`, {
            method: request.method,
            headers: { authorization: `Bearer ${TENANT_TOKENS.globex}`, 'content-type': 'application/json' },
            ...(request.body !== undefined && request.method !== 'GET' ? { body: request.body } : {}),
          });
          const text = await response.text();
          const wrong = problems(request, response.status, text);
          if (wrong.length > 0)
            throw new Error(`${wrong.join('; ')}\nanswer ${response.status}: ${text.slice(0, 300)}`);
        },
      ),
      { numRuns: HTTP_RUNS_PER_ROUTE * routes.length, ...(seed !== undefined ? { seed } : {}) },
    );
    expect(await acmeState()).toBe(acmeBefore);
  }, 60_000);
});
