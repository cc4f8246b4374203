/**
 * The adapter contract: what every adapter (Express, Koa, Fastify, fetch, plain Node) must do,
 * run against a live server of its framework. Uses vitest, an optional peer dependency.
 */
import { createHub, type RequestHandler, type WebhookEvent, type WebhookRequest } from '@hookwire/core';
import { afterEach, describe, expect, it } from 'vitest';
import { acme, acmeHeaders } from './acme.js';
import { send, streamUntilAnswered } from './client.js';
import { recording, type Served, type ServeOptions } from './serve.js';

/** Starts a real server with the adapter mounted at `/webhooks` (and every path below it). */
export type Serve = (handler: RequestHandler, options?: ServeOptions) => Promise<Served>;

const SECRET = 'It is a secret to everybody';
const issueOpened = JSON.stringify({ action: 'opened', issue: { number: 7, title: 'Hello' } });
const signedIssue = () => ({
  headers: { ...acmeHeaders(SECRET, issueOpened, 'issues.opened'), 'x-acme-delivery': 'delivery-7' },
  body: issueOpened,
});

/** What every adapter must do, run against a live server of its framework. */
export function describeAdapterContract(name: string, serve: Serve): void {
  describe(`${name}: the adapter contract`, () => {
    let server: Served | undefined;
    const start = async (handler: RequestHandler, options?: ServeOptions) => {
      server = await serve(handler, options);
      return server.origin;
    };
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it('passes a signed delivery to the handler, with the full URL, the headers and the raw body', async () => {
      const receiver = acme({ secret: SECRET });
      const seen: WebhookEvent[] = [];
      receiver.on('issues.opened', (event) => {
        seen.push(event);
      });
      const origin = await start(receiver);
      const answer = await send(origin, '/webhooks/acme?source=test', signedIssue());
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toEqual({ ok: true });
      expect(seen).toHaveLength(1);
      const event = seen[0]!;
      expect(event.name).toBe('issues.opened');
      expect(event.id).toBe('delivery-7');
      expect(Buffer.from(event.payload as Uint8Array).toString()).toBe(issueOpened);
      expect(event.request.method).toBe('POST');
      expect(event.request.url).toBe(`${origin}/webhooks/acme?source=test`);
      expect(event.request.headers['x-acme-event']).toBe('issues.opened');
      expect(Buffer.from(event.request.body).toString()).toBe(issueOpened);
    });

    it('keeps body bytes that are not UTF-8 exactly as sent', async () => {
      const receiver = acme({ secret: SECRET });
      let received: Uint8Array | undefined;
      receiver.on('*', (event) => {
        received = event.payload as Uint8Array;
      });
      const origin = await start(receiver);
      const body = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x7b]);
      const answer = await send(origin, '/webhooks/acme', { headers: acmeHeaders(SECRET, body), body });
      expect(answer.status).toBe(200);
      expect(Buffer.from(received!).equals(Buffer.from(body))).toBe(true);
    });

    it('rejects a tampered body with 401 and never runs the handler', async () => {
      const receiver = acme({ secret: SECRET });
      let ran = false;
      receiver.onAny(() => {
        ran = true;
      });
      const origin = await start(receiver);
      const tampered = issueOpened.replace('Hello', 'Hellp');
      const answer = await send(origin, '/webhooks/acme', { headers: signedIssue().headers, body: tampered });
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.text).error.code).toBe('signature_mismatch');
      expect(ran).toBe(false);
    });

    it('refuses a body announced over maxBodySize with 413, without running the handler', async () => {
      const handled: WebhookRequest[] = [];
      const origin = await start(recording(handled), { maxBodySize: 1024 });
      const answer = await send(origin, '/webhooks/any', {
        headers: { 'content-type': 'application/octet-stream' },
        body: new Uint8Array(2048),
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.text).error.code).toBe('body_too_large');
      expect(handled).toHaveLength(0);
      const atLimit = await send(origin, '/webhooks/any', { body: new Uint8Array(1024) });
      expect(atLimit.status).toBe(200);
      expect(handled[0]!.body.byteLength).toBe(1024);
    });

    it('answers 413 while an unannounced body is still streaming past the limit', async () => {
      const handled: WebhookRequest[] = [];
      const origin = await start(recording(handled), { maxBodySize: 1024 });
      const answer = await streamUntilAnswered(origin, '/webhooks/any', new Uint8Array(512), 4);
      expect(answer.status).toBe(413);
      expect(handled).toHaveLength(0);
    });

    it('routes a hub by receiver and id, each id with its own secret', async () => {
      const base = acme({ secret: 'unused' });
      const seen: string[] = [];
      base.onAny((event) => {
        seen.push(`${event.name} ${new URL(event.request.url).pathname}`);
      });
      const hub = createHub({
        shops: { a: base.derive({ secret: 'shop-a' }), b: base.derive({ secret: 'shop-b' }) },
        acme: acme({ secret: SECRET }),
      });
      const origin = await start(hub);
      const body = '{"invoice":"in_1"}';
      const post = (path: string, secret: string) =>
        send(origin, path, { headers: acmeHeaders(secret, body, 'invoice.paid'), body });
      expect((await post('/webhooks/shops/a', 'shop-a')).status).toBe(200);
      expect((await post('/webhooks/shops/b', 'shop-b')).status).toBe(200);
      expect((await post('/webhooks/shops/b', 'shop-a')).status).toBe(401);
      const unknown = await post('/webhooks/shops/c', 'shop-a');
      expect(unknown.status).toBe(404);
      expect(JSON.parse(unknown.text).error.code).toBe('unknown_receiver');
      expect(seen).toEqual(['invoice.paid /webhooks/shops/a', 'invoice.paid /webhooks/shops/b']);
      expect((await send(origin, '/webhooks/acme', signedIssue())).status).toBe(200);
    });

    it('sends handshake responses as they are: GET challenge and HEAD', async () => {
      const origin = await start(acme({ secret: SECRET }));
      const get = await send(origin, '/webhooks/acme?challenge=abc123', { method: 'GET' });
      expect(get.status).toBe(200);
      expect(get.text).toBe('abc123');
      expect(get.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(get.headers.get('x-acme-handshake')).toBe('get');
      const head = await send(origin, '/webhooks/acme', { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('x-acme-handshake')).toBe('head');
      expect(head.text).toBe('');
      const wrongMethod = await send(origin, '/webhooks/acme', { method: 'PUT', body: 'x' });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toBe('POST');
    });

    it('answers 500 when an event handler throws, so the provider retries', async () => {
      const receiver = acme({ secret: SECRET });
      receiver.on('thing.created', () => {
        throw new Error('database down');
      });
      const origin = await start(receiver);
      const answer = await send(origin, '/webhooks/acme', { headers: acmeHeaders(SECRET, 'x'), body: 'x' });
      expect(answer.status).toBe(500);
      expect(JSON.parse(answer.text).error.code).toBe('handler_failed');
      expect(answer.text).not.toContain('database down');
    });

    it('answers 500 without internals when handle() itself throws, and reports the error', async () => {
      const reported: unknown[] = [];
      const failure = new Error('connection string postgres://admin:pw@db');
      const origin = await start(
        {
          handle: async () => {
            throw failure;
          },
        },
        { onError: (error) => reported.push(error) },
      );
      const answer = await send(origin, '/webhooks/x', { body: '{}' });
      expect(answer.status).toBe(500);
      expect(JSON.parse(answer.text)).toEqual({
        error: { code: 'internal_error', message: 'The webhook could not be processed.' },
      });
      expect(reported).toEqual([failure]);
    });

    it('passes response status, headers and body through', async () => {
      const origin = await start({
        handle: async () => ({
          status: 202,
          headers: { 'content-type': 'application/xml', 'x-trace': 't1' },
          body: new TextEncoder().encode('<ok/>'),
        }),
      });
      const answer = await send(origin, '/webhooks', { body: '' });
      expect(answer.status).toBe(202);
      expect(answer.headers.get('content-type')).toBe('application/xml');
      expect(answer.headers.get('x-trace')).toBe('t1');
      expect(answer.text).toBe('<ok/>');
    });

    it('takes scheme and host from X-Forwarded-* only with trustProxy, or from publicUrl', async () => {
      const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hooks.example.com' };
      const handled: WebhookRequest[] = [];
      let origin = await start(recording(handled));
      await send(origin, '/webhooks/a?x=1', { headers: forwarded, body: '' });
      expect(handled.at(-1)!.url).toBe(`${origin}/webhooks/a?x=1`);
      await server!.close();

      origin = await start(recording(handled), { trustProxy: true });
      await send(origin, '/webhooks/a?x=1', { headers: forwarded, body: '' });
      expect(handled.at(-1)!.url).toBe('https://hooks.example.com/webhooks/a?x=1');
      await server!.close();

      origin = await start(recording(handled), { publicUrl: 'https://public.example.com' });
      await send(origin, '/webhooks/a', { headers: forwarded, body: '' });
      expect(handled.at(-1)!.url).toBe('https://public.example.com/webhooks/a');
    });
  });
}
