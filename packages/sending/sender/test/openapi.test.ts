import SwaggerParser from '@apidevtools/swagger-parser';
import { type Schema, Validator } from '@cfworker/json-schema';
import { createWebhookRequest } from '@hookwire/core';
import { bearerAuth, createManagementApi, type Sender } from '@hookwire/sender';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, memorySender, startSubscriber } from './helpers.js';

const OPERATOR = 'token-operator';
type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: unknown; example?: unknown }> };
        responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
      }
    >
  >;
  components: { schemas: Record<string, unknown> };
};

let sender: Sender;
let api: ReturnType<typeof createManagementApi>;
let hook: Awaited<ReturnType<typeof startSubscriber>>;
let doc: Doc;

const call = (method: string, path: string, body?: unknown, token: string | null = OPERATOR) =>
  callApi(api, method, path, { body, token });

/** A validator for a schema of the document, its component references resolved within it. */
function validatorFor(schema: unknown): Validator {
  const text = JSON.stringify({ ...(schema as object), $defs: doc.components.schemas }).replaceAll(
    '#/components/schemas/',
    '#/$defs/',
  );
  return new Validator(JSON.parse(text) as Schema, '2020-12', false);
}

beforeAll(async () => {
  hook = await startSubscriber();
  sender = memorySender({ allowPrivateNetwork: true, onError: () => {} });
  api = createManagementApi({
    sender,
    authenticate: bearerAuth({ 'token-acme': 'acme' }, { operatorToken: OPERATOR }),
    allowPublish: true,
    basePath: '/api',
  });
  const served = await call('GET', '/openapi.json', undefined, null);
  expect(served.status).toBe(200);
  doc = served.json;
});

afterAll(async () => {
  await sender.close();
  await hook.close();
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
  );

describe('OpenAPI document', () => {
  it('is served without a token and passes the OpenAPI 3.1 validator', async () => {
    expect(doc).toMatchObject({ openapi: '3.1.0', servers: [{ url: '/api' }] });
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    expect((await call('GET', '/subscriptions', undefined, null)).status).toBe(401);
    // Mounted without basePath, the document names the mount path it was fetched under.
    const mounted = createManagementApi({ sender, authenticate: () => undefined });
    const response = await mounted.handle(
      createWebhookRequest({ method: 'GET', url: 'https://service.example/v2/hooks/openapi.json' }),
    );
    expect(JSON.parse(Buffer.from(response.body!).toString('utf8')).servers).toEqual([{ url: '/v2/hooks' }]);
  });

  it('holds request examples that its own schemas accept', () => {
    const withExamples = operations().filter(
      (o) => o.operation.requestBody?.content['application/json']?.example,
    );
    expect(withExamples.length).toBeGreaterThanOrEqual(8);
    for (const { path, method, operation } of withExamples) {
      const { schema, example } = operation.requestBody!.content['application/json']!;
      const result = validatorFor(schema).validate(example);
      expect([method, path, result.errors]).toEqual([method, path, []]);
    }
  });

  it('documents every route the handler answers, and the handler answers every documented route with a body its schema accepts', async () => {
    await call('POST', '/event-types', {
      name: 'invoice.paid',
      schema: { type: 'object', properties: { total: { type: 'number' } } },
    });
    const own = await call('POST', '/subscriptions', {
      url: `${hook.url}/in`,
      events: ['*'],
      tenant: 'acme',
    });
    const published = await call('POST', '/events', {
      type: 'invoice.paid',
      data: { total: 1 },
      tenant: 'acme',
    });
    const delivery = (await call('GET', `/subscriptions/${own.json.id}/deliveries`)).json.items[0];
    const ids: Record<string, string> = {
      subscriptions: own.json.id,
      deliveries: delivery.id,
      events: published.json.id,
      'event-types': 'invoice.paid',
    };
    const fill = (path: string) => path.replace(/\{\w+\}/, ids[path.split('/')[1]!]!);
    const bodies: Record<string, unknown> = {
      'POST /subscriptions/{id}/recover': { since: 0 },
      'POST /subscriptions/{id}/send-example': { type: 'invoice.paid' },
    };
    // DELETE last: the other routes need the subscription.
    const ordered = operations().sort(
      (a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
    );
    for (const { path, method, operation } of ordered) {
      const body = bodies[`${method} ${path}`] ?? operation.requestBody?.content['application/json']?.example;
      // An event id is unique per tenant: its owner redelivers it.
      const token = path === '/openapi.json' ? null : path.startsWith('/events/') ? 'token-acme' : OPERATOR;
      const response = await call(method, fill(path), body, token);
      expect([method, path, response.status < 300, response.json]).toEqual([
        method,
        path,
        true,
        response.json,
      ]);
      const documented = operation.responses[String(response.status)];
      expect([method, path, documented !== undefined]).toEqual([method, path, true]);
      const schema = documented!.content?.['application/json']?.schema;
      if (schema) {
        const result = validatorFor(schema).validate(response.json);
        expect([method, path, result.errors]).toEqual([method, path, []]);
      }
    }

    // The other way round: every (method, path) the handler does not refuse as unknown is documented.
    const words = new Set([
      'secret',
      'retry',
      'attempts',
      'stats',
      'cancel',
      'enable',
      'replay',
      'schema',
      'example',
    ]);
    for (const path of Object.keys(doc.paths))
      for (const word of path.split('/')) if (word && !word.startsWith('{')) words.add(word);
    const roots = [
      'subscriptions',
      'deliveries',
      'events',
      'event-types',
      'openapi.json',
      'tenants',
      'inbox',
    ];
    const candidates = new Set<string>();
    for (const root of roots) {
      candidates.add(`/${root}`);
      candidates.add(`/${root}/{id}`);
      for (const word of words) {
        candidates.add(`/${root}/${word}`);
        candidates.add(`/${root}/{id}/${word}`);
      }
    }
    for (const template of candidates) {
      const root = template.split('/')[1]!;
      const path = template.replace('{id}', ids[root] ?? 'x_1');
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        const response = await call(method, path, undefined);
        const unknown =
          response.status === 405 ||
          (response.status === 404 && response.json?.error?.message === 'No such route.');
        const key = `${method} ${path}`;
        const matches = operations().some(
          (o) => o.method === method && new RegExp(`^${o.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
        );
        expect([key, !unknown]).toEqual([key, matches]);
      }
    }
  });
});
