import { signGitHubRequest } from '@hookwire/github/testing';
import { devSecret } from '@hookwire/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, post, startTestDemo, TENANT_TOKENS, type TestDemo } from './support.js';

// The tenancy matrix, over HTTP: for every route that names a resource, and every kind of resource
// (subscription, its secret and stats, delivery, event), globex acting on acme's resource gets exactly the
// answer it gets for an id that does not exist: 404, the same body (the id aside), whatever the
// body it sends. Nothing of acme's changes.
let t: TestDemo;
const acme: { subscription: string; delivery: string; event: string; secret: string } = {
  subscription: '',
  delivery: '',
  event: '',
  secret: '',
};
const operatorOwned = { inboxEvent: '', eventType: 'order.paid' };
const MISSING = {
  subscription: 'sub_01J00000000000000000000000',
  delivery: 'dlv_01J00000000000000000000000',
  event: 'evt_01J00000000000000000000000',
};

beforeAll(async () => {
  t = await startTestDemo({ HOOKWIRE_ROLE: 'api' });
  const created = await t.api('/subscriptions', {
    method: 'POST',
    body: JSON.stringify({ url: t.subscriberUrl('/acme'), events: ['order.*'] }),
  });
  const subscription = (await created.json()) as { id: string; secret: string };
  const published = await t.api('/events', { method: 'POST', body: JSON.stringify({ type: 'order.paid' }) });
  const event = ((await published.json()) as { id: string }).id;
  const deliveries = (await (await t.api(`/subscriptions/${subscription.id}/deliveries`)).json()) as {
    items: { id: string }[];
  };
  // The operator's resources: a received webhook in the inbox, an entry of the catalogue.
  const received = signGitHubRequest({
    secret: devSecret('github'),
    event: 'push',
    payload: { ref: 'refs/heads/operator-only' },
    deliveryId: 'tenancy-1',
  });
  expect((await post(t.base, '/webhooks/github', received)).status).toBe(200);
  const inbox = (await (await t.api('/inbox/events', {}, OPERATOR_TOKEN)).json()) as {
    items: { id: string }[];
  };
  operatorOwned.inboxEvent = inbox.items[0]!.id;
  const typed = await t.api(
    '/event-types',
    { method: 'POST', body: JSON.stringify({ name: 'order.paid', description: 'operator-catalogue-5e1b' }) },
    OPERATOR_TOKEN,
  );
  expect(typed.status).toBe(201);
  Object.assign(acme, {
    subscription: subscription.id,
    secret: subscription.secret,
    event,
    delivery: deliveries.items[0]!.id,
  });
});

afterAll(async () => {
  await t?.close();
});

type Kind = 'subscription' | 'delivery' | 'event';
const since = { since: '2000-01-01T00:00:00Z' };
// [resource kind, method, path, bodies to try (valid first, then malformed)]
const MATRIX: [string, Kind, string, string, unknown[]][] = [
  ['subscription', 'subscription', 'GET', '/subscriptions/:id', [undefined]],
  [
    'subscription',
    'subscription',
    'PATCH',
    '/subscriptions/:id',
    [{ description: 'x' }, { url: 'nope' }, null],
  ],
  ['subscription', 'subscription', 'DELETE', '/subscriptions/:id', [undefined]],
  ['subscription', 'subscription', 'GET', '/subscriptions/:id/deliveries', [undefined]],
  ['subscription', 'subscription', 'POST', '/subscriptions/:id/recover', [since, {}, { since: 'x' }]],
  [
    'subscription',
    'subscription',
    'POST',
    '/subscriptions/:id/test-filter',
    [{ data: { total: 1 } }, {}, { data: 1, x: 2 }, null],
  ],
  [
    'subscription',
    'subscription',
    'POST',
    '/subscriptions/:id/send-example',
    [{ type: 'order.paid' }, {}, { type: 5 }, { type: 'order.paid', data: null }],
  ],
  ['stats', 'subscription', 'GET', '/subscriptions/:id/stats', [undefined]],
  ['secret', 'subscription', 'GET', '/subscriptions/:id/secret', [undefined]],
  [
    'secret',
    'subscription',
    'POST',
    '/subscriptions/:id/rotate-secret',
    [undefined, { graceSeconds: -1 }, null],
  ],
  ['delivery', 'delivery', 'GET', '/deliveries/:id', [undefined]],
  ['delivery', 'delivery', 'POST', '/deliveries/:id/retry', [undefined, { now: true }]],
  ['event', 'event', 'POST', '/events/:id/redeliver', [undefined, {}, { subscriptionId: 5 }]],
];

async function answer(method: string, path: string, body: unknown, id: string) {
  const response = await t.api(
    path.replace(':id', id),
    { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) },
    TENANT_TOKENS.globex,
  );
  const text = (await response.text()).replaceAll(id, '<id>');
  return { status: response.status, type: response.headers.get('content-type'), text };
}

async function acmeView(): Promise<string> {
  const paths = [
    `/subscriptions/${acme.subscription}`,
    `/subscriptions/${acme.subscription}/secret`,
    `/deliveries/${acme.delivery}`,
  ];
  return JSON.stringify(await Promise.all(paths.map(async (path) => (await t.api(path)).text())));
}

describe('tenancy matrix: another tenant is told "not found", exactly as for a missing id', () => {
  for (const [resource, kind, method, path, bodies] of MATRIX) {
    it(`${resource}: ${method} ${path}`, async () => {
      const before = await acmeView();
      for (const [index, body] of bodies.entries()) {
        const theirs = await answer(method, path, body, acme[kind]);
        const missing = await answer(method, path, body, MISSING[kind]);
        expect([JSON.stringify(body), theirs]).toEqual([JSON.stringify(body), missing]);
        // The valid request is refused for the resource alone: 404 not_found.
        if (index === 0) {
          expect(theirs.status).toBe(404);
          expect(JSON.parse(theirs.text).error.code).toBe('not_found');
        }
        expect(theirs.text).not.toContain(acme.secret);
      }
      expect(await acmeView()).toBe(before);
    });
  }

  // The operator's routes: a tenant is refused (403) whatever it names, existing or not, and is
  // shown nothing of what they hold.
  const OPERATOR_ONLY: [string, string, keyof typeof operatorOwned | undefined, unknown][] = [
    ['GET', '/inbox/events', undefined, undefined],
    ['GET', '/inbox/events/:id', 'inboxEvent', undefined],
    ['POST', '/inbox/events/:id/retry', 'inboxEvent', undefined],
    ['POST', '/inbox/events/:id/replay', 'inboxEvent', undefined],
    ['POST', '/inbox/retry-dead', undefined, { since: '2000-01-01T00:00:00Z' }],
    ['POST', '/inbox/purge', undefined, { provider: 'github' }],
    ['POST', '/portal-links', undefined, { tenant: 'acme' }],
    ['POST', '/event-types', undefined, { name: 'order.paid', description: 'taken over' }],
    ['PATCH', '/event-types/:id', 'eventType', { description: 'taken over' }],
    ['POST', '/event-types/:id/deprecate', 'eventType', undefined],
  ];
  for (const [method, path, owned, body] of OPERATOR_ONLY) {
    it(`operator only: ${method} ${path} from a tenant is 403 with no data`, async () => {
      const ids = owned
        ? [operatorOwned[owned], owned === 'eventType' ? 'never.defined' : 'ibx_missing']
        : [''];
      const answers = [];
      for (const id of ids) {
        const response = await t.api(
          path.replace(':id', id),
          { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) },
          TENANT_TOKENS.globex,
        );
        const raw = await response.text();
        const text = id === '' ? raw : raw.replaceAll(id, '<id>');
        expect(response.status).toBe(403);
        expect(Object.keys(JSON.parse(text))).toEqual(['error']);
        expect(text).not.toMatch(/operator-catalogue-5e1b|refs\/heads|ibx_|#token=/);
        answers.push(text);
      }
      expect(new Set(answers).size).toBe(1);
    });
  }

  it('operator only: nothing a tenant sent reached the inbox or the catalogue', async () => {
    const inbox = await t.api(`/inbox/events/${operatorOwned.inboxEvent}`, {}, OPERATOR_TOKEN);
    expect(inbox.status).toBe(200);
    const type = (await (await t.api('/event-types/order.paid', {}, OPERATOR_TOKEN)).json()) as {
      description: string;
      deprecated?: boolean;
    };
    expect([type.description, type.deprecated ?? false]).toEqual(['operator-catalogue-5e1b', false]);
  });

  it("redeliver: naming acme's subscription is the same as naming a missing one", async () => {
    const own = await t.api(
      '/events',
      { method: 'POST', body: JSON.stringify({ type: 'order.paid' }) },
      TENANT_TOKENS.globex,
    );
    const event = ((await own.json()) as { id: string }).id;
    const theirs = await answer(
      'POST',
      `/events/${event}/redeliver`,
      { subscriptionId: acme.subscription },
      acme.subscription,
    );
    const missing = await answer(
      'POST',
      `/events/${event}/redeliver`,
      { subscriptionId: MISSING.subscription },
      MISSING.subscription,
    );
    expect(theirs).toEqual(missing);
    expect(theirs.status).toBe(404);
  });

  it('event ids: publishing with an id acme used answers as for a fresh id (202, created)', async () => {
    const reused = await t.api(
      '/events',
      { method: 'POST', body: JSON.stringify({ type: 'order.paid', id: acme.event }) },
      TENANT_TOKENS.globex,
    );
    const fresh = await t.api(
      '/events',
      { method: 'POST', body: JSON.stringify({ type: 'order.paid', id: 'evt_never_used_before' }) },
      TENANT_TOKENS.globex,
    );
    expect([reused.status, ((await reused.json()) as { created: boolean }).created]).toEqual([202, true]);
    expect([fresh.status, ((await fresh.json()) as { created: boolean }).created]).toEqual([202, true]);
  });

  it("lists: globex's lists never show acme's resources", async () => {
    const text = await (await t.api('/subscriptions', {}, TENANT_TOKENS.globex)).text();
    expect(text).not.toContain(acme.subscription);
    const narrowed = await t.api('/subscriptions?tenant=acme', {}, TENANT_TOKENS.globex);
    expect(narrowed.status).toBe(400);
  });
});
