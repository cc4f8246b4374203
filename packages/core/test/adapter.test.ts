import {
  adapterErrorResponse,
  answerWebhook,
  assertRequestHandler,
  createWebhookRequest,
  DEFAULT_MAX_BODY_SIZE,
  declaresBodyOver,
  prepareAdapter,
  resolveAdapterOptions,
  WebhookConfigError,
  WebhookError,
} from '@hookwire/core';
import { describe, expect, it, vi } from 'vitest';

const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hooks.example.com' };

describe('prepareAdapter', () => {
  it('refuses a handler without handle(request), then resolves the options', () => {
    expect(() => prepareAdapter('testWebhooks', {})).toThrow(/testWebhooks needs a receiver/);
    expect(() =>
      prepareAdapter('testWebhooks', { handle: async () => ({ status: 200 }) }, { maxBodySize: -1 }),
    ).toThrow(/maxBodySize/);
    expect(prepareAdapter('testWebhooks', { handle: async () => ({ status: 200 }) }).maxBodySize).toBe(
      1024 * 1024,
    );
  });
});

describe('resolveAdapterOptions', () => {
  it('defaults to 1 MiB and the connection URL', () => {
    const { maxBodySize, requestUrl } = resolveAdapterOptions('test');
    expect(maxBodySize).toBe(DEFAULT_MAX_BODY_SIZE);
    expect(requestUrl('http', '127.0.0.1:3000', '/webhooks/github?x=1', forwarded)).toBe(
      'http://127.0.0.1:3000/webhooks/github?x=1',
    );
  });

  it('ignores forwarded headers unless trustProxy is set', () => {
    const trusted = resolveAdapterOptions('test', { trustProxy: true }).requestUrl;
    expect(trusted('http', 'internal:8080', '/w', forwarded)).toBe('https://hooks.example.com/w');
    expect(trusted('http', 'internal:8080', '/w', {})).toBe('http://internal:8080/w');
    // Proxies append: the left-most value is the one the client used.
    expect(
      trusted('http', 'internal', '/w', {
        'x-forwarded-proto': 'https, http',
        'x-forwarded-host': 'a.io, b',
      }),
    ).toBe('https://a.io/w');
    expect(trusted('http', 'internal', '/w', { 'x-forwarded-proto': 'javascript' })).toBe(
      'http://internal/w',
    );
  });

  it('uses publicUrl, with its path as a prefix', () => {
    const plain = resolveAdapterOptions('test', { publicUrl: 'https://hooks.example.com/' }).requestUrl;
    expect(plain('http', 'internal', '/webhooks?a=b', forwarded)).toBe(
      'https://hooks.example.com/webhooks?a=b',
    );
    const prefixed = resolveAdapterOptions('test', { publicUrl: 'https://example.com/api' }).requestUrl;
    expect(prefixed('http', 'internal', '/webhooks', {})).toBe('https://example.com/api/webhooks');
  });

  it('keeps a hostile Host header and request target out of the URL', () => {
    const { requestUrl } = resolveAdapterOptions('test');
    expect(requestUrl('http', 'evil.com/path?', '/w', {})).toBe('http://localhost/w');
    expect(requestUrl('http', undefined, '/w', {})).toBe('http://localhost/w');
    expect(requestUrl('https', '[::1]:8443', '/w', {})).toBe('https://[::1]:8443/w');
    expect(requestUrl('http', 'h', 'http://other.example/x?y=1', {})).toBe('http://h/x?y=1');
    expect(requestUrl('http', 'h', '*', {})).toBe('http://h/');
  });

  it('rejects bad options at construction', () => {
    expect(() => resolveAdapterOptions('test', { maxBodySize: -1 })).toThrow(WebhookConfigError);
    expect(() => resolveAdapterOptions('test', { maxBodySize: 1.5 })).toThrow(WebhookConfigError);
    expect(() => resolveAdapterOptions('test', { publicUrl: 'hooks.example.com' })).toThrow(/absolute URL/);
    expect(() => resolveAdapterOptions('test', { publicUrl: 'ftp://x' })).toThrow(/http or https/);
    expect(() => resolveAdapterOptions('test', { publicUrl: 'https://x/?a=1' })).toThrow(/query/);
  });
});

describe('adapter helpers', () => {
  it('asserts a request handler', () => {
    expect(() => assertRequestHandler('expressWebhooks', {})).toThrow(WebhookConfigError);
    expect(() => assertRequestHandler('expressWebhooks', undefined)).toThrow(/handle\(request\)/);
    expect(() => assertRequestHandler('x', { handle: async () => ({ status: 200 }) })).not.toThrow();
  });

  it('reads a declared length', () => {
    expect(declaresBodyOver('11', 10)).toBe(true);
    expect(declaresBodyOver('10', 10)).toBe(false);
    expect(declaresBodyOver(undefined, 10)).toBe(false);
    expect(declaresBodyOver(null, 10)).toBe(false);
  });

  it('maps errors to responses without internals', () => {
    const internal = adapterErrorResponse(new Error('password=hunter2'));
    expect(internal.status).toBe(500);
    expect(String(internal.body)).not.toContain('hunter2');
    const tooLarge = adapterErrorResponse(new WebhookError('body_too_large', 'big'));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers?.connection).toBe('close');
    expect(JSON.parse(String(tooLarge.body))).toEqual({ error: { code: 'body_too_large', message: 'big' } });
  });

  it('answers through the handler and reports failures', async () => {
    const report = vi.fn();
    const request = createWebhookRequest();
    const ok = await answerWebhook({ handle: async () => ({ status: 204 }) }, () => request, report);
    expect(ok.status).toBe(204);
    expect(report).not.toHaveBeenCalled();

    const boom = new Error('boom');
    const failed = await answerWebhook(
      {
        handle: async () => {
          throw boom;
        },
      },
      () => request,
      report,
    );
    expect(failed.status).toBe(500);
    expect(report).toHaveBeenCalledWith(boom, failed);

    const unreadable = await answerWebhook(
      { handle: async () => ({ status: 200 }) },
      () => Promise.reject(new WebhookError('body_already_parsed', 'parsed')),
      () => {
        throw new Error('a broken reporter');
      },
    );
    expect(unreadable.status).toBe(500);
    expect(String(unreadable.body)).toContain('body_already_parsed');
  });
});
