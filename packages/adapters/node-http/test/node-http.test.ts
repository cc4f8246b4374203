import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { answerWebhook, type RequestHandler, resolveAdapterOptions, type WebhookError } from '@hookwire/core';
import { readBody, toWebhookRequest, writeResponse } from '@hookwire/node-http';
import { describeAdapterContract, listen, type ServeOptions } from '@hookwire/node-http/testing';
import { describe, expect, it } from 'vitest';

/** The plain `node:http` binding the framework adapters are built from. */
async function serve(handler: RequestHandler, options: ServeOptions = {}) {
  const resolved = resolveAdapterOptions('test', options);
  const server = createServer((req, res) => {
    void answerWebhook(
      handler,
      () => toWebhookRequest(req, { path: req.url!, alreadyParsed: 'parsed' }, resolved),
      (error) => options.onError?.(error),
    ).then((response) => writeResponse(res, response));
  });
  return listen(server);
}

describeAdapterContract('node:http', serve);

describe('readBody', () => {
  const stream = (contentLength?: string) =>
    Object.assign(new PassThrough(), {
      headers: contentLength === undefined ? {} : { 'content-length': contentLength },
    });

  it('joins chunks up to and including the limit', async () => {
    const input = stream();
    const reading = readBody(input, 6);
    input.write('abc');
    input.end('def');
    expect((await reading).toString()).toBe('abcdef');
  });

  it('refuses an announced length over the limit without reading', async () => {
    const input = stream('7');
    await expect(readBody(input, 6)).rejects.toMatchObject({ code: 'body_too_large', status: 413 });
    expect(input.listenerCount('data')).toBe(0);
  });

  it('stops reading once the body grows past the limit', async () => {
    const input = stream();
    const reading = readBody(input, 4);
    input.write('abc');
    input.write('def');
    await expect(reading).rejects.toMatchObject({ code: 'body_too_large' });
    expect(input.listenerCount('data')).toBe(0);
    expect(input.isPaused()).toBe(true);
  });

  it('rejects a body cut short as malformed rather than hanging', async () => {
    const input = stream();
    const reading = readBody(input, 100);
    input.write('abc');
    input.destroy();
    await expect(reading).rejects.toMatchObject({ code: 'malformed_body', status: 400 });
  });
});

describe('toWebhookRequest', () => {
  const options = resolveAdapterOptions('test');

  async function withRequest(
    send: (port: number) => void,
    inspect: (req: IncomingMessage) => Promise<void>,
  ): Promise<void> {
    const done: Promise<void>[] = [];
    const server = createServer((req, res) => {
      done.push(inspect(req).finally(() => res.end()));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    send((server.address() as AddressInfo).port);
    await once(server, 'request');
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(done);
    server.closeAllConnections();
    server.close();
  }

  it('uses Node’s header object and a raw copy as they are', async () => {
    await withRequest(
      (port) => fetch(`http://127.0.0.1:${port}/a`, { method: 'POST', body: 'ignored' }).catch(() => {}),
      async (req) => {
        const raw = Buffer.from('copy');
        const request = await toWebhookRequest(
          req,
          { path: req.url!, rawBody: raw, alreadyParsed: 'x' },
          options,
        );
        expect(request.headers).toBe(req.headers);
        expect(request.body).toBe(raw);
        const text = await toWebhookRequest(req, { path: '/', rawBody: 'é', alreadyParsed: 'x' }, options);
        expect(Buffer.from(text.body)).toEqual(Buffer.from([0xc3, 0xa9]));
      },
    );
  });

  it('says how to fix the setup when a parser consumed the body, instead of waiting', async () => {
    await withRequest(
      (port) => fetch(`http://127.0.0.1:${port}/a`, { method: 'POST', body: '{"a":1}' }).catch(() => {}),
      async (req) => {
        await readBody(req, 100);
        const error: WebhookError = await toWebhookRequest(
          req,
          { path: req.url!, alreadyParsed: 'mount it first' },
          options,
        ).then(
          () => expect.fail('should reject'),
          (e) => e,
        );
        expect(error.code).toBe('body_already_parsed');
        expect(error.message).toBe('mount it first');
      },
    );
  });

  it('treats a consumed request without a body as empty', async () => {
    await withRequest(
      (port) => fetch(`http://127.0.0.1:${port}/a`).catch(() => {}),
      async (req) => {
        req.resume();
        await once(req, 'end');
        const request = await toWebhookRequest(req, { path: req.url!, alreadyParsed: 'x' }, options);
        expect(request.body.byteLength).toBe(0);
        expect(request.method).toBe('GET');
      },
    );
  });
});
