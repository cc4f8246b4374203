import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { RequestHandler, WebhookRequest } from '@hookwire/core';
import { fetchWebhooks } from '@hookwire/fetch';
import { github } from '@hookwire/github';
import { signGitHubRequest } from '@hookwire/github/testing';
import { acme, describeAdapterContract, recording, type ServeOptions } from '@hookwire/node-http/testing';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';

const SECRET = 'fetch-secret';

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

/** Hono on @hono/node-server: a real server handing real WHATWG Requests to the adapter. */
describeAdapterContract('fetch (Hono on Node)', async (handler: RequestHandler, options?: ServeOptions) => {
  const webhooks = fetchWebhooks(handler, options);
  const app = new Hono();
  app.all('/webhooks', (c) => webhooks(c.req.raw));
  app.all('/webhooks/*', (c) => webhooks(c.req.raw));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections(): void }).closeAllConnections();
        server.close(() => resolve());
      }),
  };
});

const toRequest = (signed: WebhookRequest, init: RequestInit = {}) =>
  new Request(signed.url, {
    method: signed.method,
    headers: signed.headers as Record<string, string>,
    body: Buffer.from(signed.body),
    ...init,
  });

describe('fetchWebhooks with Request objects', () => {
  const signed = () =>
    signGitHubRequest({
      secret: SECRET,
      event: 'issues',
      payload: { action: 'opened' },
      url: 'https://hooks.example.com/webhooks/github?x=1',
    });

  it('verifies a Request as the runtime hands it over', async () => {
    const receiver = github({ secret: SECRET });
    const urls: string[] = [];
    receiver.onAny((event) => {
      urls.push(event.request.url);
    });
    const response = await fetchWebhooks(receiver)(toRequest(signed()));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(urls).toEqual(['https://hooks.example.com/webhooks/github?x=1']);
  });

  it('answers body_already_parsed when the body was read first', async () => {
    const request = toRequest(signed());
    await request.json();
    const response = await fetchWebhooks(github({ secret: SECRET }), { onError: () => {} })(request);
    expect(response.status).toBe(500);
    const error = await errorOf(response);
    expect(error.code).toBe('body_already_parsed');
    expect(error.message).toContain('request.clone()');
  });

  it('answers body_already_parsed after Hono’s c.req.json(), and verifies a clone', async () => {
    const handle = fetchWebhooks(github({ secret: SECRET }), { onError: () => {} });
    const app = new Hono();
    app.post('/parsed-first/*', async (c) => {
      await c.req.json();
      return handle(c.req.raw);
    });
    app.post('/cloned/*', async (c) => {
      const response = await handle(c.req.raw.clone());
      await c.req.json();
      return response;
    });
    const at = (path: string) => toRequest({ ...signed(), url: `https://hooks.example.com${path}` });
    const parsed = await app.fetch(at('/parsed-first/github'));
    expect(parsed.status).toBe(500);
    expect((await errorOf(parsed)).code).toBe('body_already_parsed');
    expect((await app.fetch(at('/cloned/github'))).status).toBe(200);
  });

  it('cancels a streamed body once it passes maxBodySize', async () => {
    let pulls = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(256));
      },
      cancel() {
        cancelled = true;
      },
    });
    const handled: WebhookRequest[] = [];
    const request = new Request('https://x.example/webhooks', {
      method: 'POST',
      body: endless,
      duplex: 'half',
    } as RequestInit);
    const response = await fetchWebhooks(recording(handled), { maxBodySize: 1000 })(request);
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('body_too_large');
    expect(handled).toHaveLength(0);
    expect(cancelled).toBe(true);
    expect(pulls).toBeLessThan(10);
  });

  it('sends no body where none is allowed: HEAD and 204', async () => {
    const head = await fetchWebhooks(acme({ secret: SECRET }))(
      new Request('https://x.example/webhooks/acme', { method: 'HEAD' }),
    );
    expect(head.status).toBe(200);
    expect(head.headers.get('x-acme-handshake')).toBe('head');
    const noContent = await fetchWebhooks({ handle: async () => ({ status: 204, body: 'ignored' }) })(
      new Request('https://x.example/', { method: 'POST', body: '' }),
    );
    expect(noContent.status).toBe(204);
    expect(await noContent.text()).toBe('');
  });

  it('throws at construction without a handler or with a bad publicUrl', () => {
    expect(() => fetchWebhooks(null as unknown as RequestHandler)).toThrow(/handle\(request\)/);
    expect(() => fetchWebhooks(recording([]), { publicUrl: '/relative' })).toThrow(/publicUrl/);
  });
});
