/**
 * The checks every Svix-delivered preset of `defineStandardWebhooksProvider` (Clerk, Resend, …)
 * must pass. Preset test files import this by relative path and call `presetCases` inside their
 * own `describe`, so the package itself never depends on vitest.
 */
import {
  createWebhookRequest,
  generateStandardSecret,
  type ReceiveResult,
  WebhookConfigError,
  type WebhookRequest,
  type WebhookResponse,
} from '@hookwire/core';
import { webhookErrorOf } from '@hookwire/core/testing';
import { expect, it } from 'vitest';

interface PresetReceiver {
  receive(request: WebhookRequest): Promise<ReceiveResult>;
  handle(request: WebhookRequest): Promise<WebhookResponse>;
}

/** The shape of the `svix` library's `Webhook` class (a devDependency of each preset package). */
type SvixWebhook = new (
  secret: string,
) => {
  sign(id: string, timestamp: Date, body: string): string;
  verify(body: string, headers: Record<string, string>): unknown;
};

interface SignOverrides {
  secret?: string | string[];
  body?: string;
}

export interface PresetCaseInput {
  /** The provider name the preset reports in `event.provider`. */
  provider: string;
  /** The preset factory, e.g. `clerk`. */
  create(options: { secret: string | string[]; now?: () => number }): PresetReceiver;
  /** The preset's test signer, e.g. `signClerkRequest`. */
  signRequest(input: {
    secret: string | string[];
    payload?: unknown;
    body?: string;
    id?: string;
    timestamp?: number;
  }): WebhookRequest;
  Webhook: SvixWebhook;
  secret: string;
  /** Unix seconds the signed requests carry and the receiver's clock is pinned to. */
  now: number;
  /** A sample event; its `type` is the expected event name. */
  payload: { type: string };
  /** The message id `sign()` uses. */
  id: string;
  /** The sample body with one value changed, signatures kept. */
  tamperedBody: string;
}

export function presetCases(input: PresetCaseInput): void {
  const { secret, now, payload, Webhook } = input;
  const body = JSON.stringify(payload);
  const at = (seconds: number) => () => seconds * 1000;
  const sign = (overrides: SignOverrides = {}) =>
    input.signRequest({ secret, body, id: input.id, timestamp: now, ...overrides });
  const receiver = (options: { secret?: string | string[]; now?: () => number } = {}) =>
    input.create({ secret, now: at(now), ...options });
  const codeOf = async (promise: Promise<unknown>) => (await webhookErrorOf(promise)).code;

  it('verifies what the svix library signs, from svix-* headers', async () => {
    const timestamp = new Date();
    const request = createWebhookRequest({
      body,
      headers: {
        'svix-id': 'msg_svix',
        'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'svix-signature': new Webhook(secret).sign('msg_svix', timestamp, body),
      },
    });
    const result = await input.create({ secret }).receive(request);
    expect(result.type).toBe('event');
    if (result.type !== 'event') return;
    expect(result.event).toMatchObject({
      provider: input.provider,
      name: payload.type,
      id: 'msg_svix',
      payload,
    });
    expect(result.event.meta.headerPrefix).toBe('svix');
  });

  it('signs what the svix library verifies', () => {
    const request = input.signRequest({ secret, payload });
    expect(request.headers['svix-signature']).toMatch(/^v1,/);
    expect(new Webhook(secret).verify(body, request.headers as Record<string, string>)).toEqual(payload);
  });

  it('rejects a tampered body, the wrong secret, stale and future timestamps', async () => {
    expect(input.tamperedBody).not.toBe(body);
    expect(await codeOf(receiver().receive({ ...sign(), body: Buffer.from(input.tamperedBody) }))).toBe(
      'signature_mismatch',
    );
    const wrong = await receiver().handle(sign({ secret: generateStandardSecret() }));
    expect(wrong.status).toBe(401);
    expect(String(wrong.body)).not.toContain(secret.slice(6));
    expect(await codeOf(receiver({ now: at(now + 301) }).receive(sign()))).toBe('timestamp_too_old');
    expect(await codeOf(receiver({ now: at(now - 301) }).receive(sign()))).toBe('timestamp_in_future');
  });

  it('rejects missing, duplicated and malformed headers, and a malformed body', async () => {
    const request = sign();
    const { 'svix-signature': signature, ...unsigned } = request.headers;
    expect(await codeOf(receiver().receive({ ...request, headers: unsigned }))).toBe('missing_header');
    const { 'svix-id': _, ...noId } = request.headers;
    expect(await codeOf(receiver().receive({ ...request, headers: noId }))).toBe('missing_header');
    const twice = { ...request.headers, 'svix-signature': [signature as string, signature as string] };
    expect(await codeOf(receiver().receive({ ...request, headers: twice }))).toBe('duplicate_header');
    const badTime = { ...request.headers, 'svix-timestamp': 'yesterday' };
    expect(await codeOf(receiver().receive({ ...request, headers: badTime }))).toBe('malformed_header');
    for (const garbled of ['v1,***', 'v1']) {
      const headers = { ...request.headers, 'svix-signature': garbled };
      expect(await codeOf(receiver().receive({ ...request, headers }))).toBe('malformed_signature');
    }
    expect(await codeOf(receiver().receive(sign({ body: 'not json' })))).toBe('malformed_body');
    expect(await codeOf(receiver().receive(sign({ body: '' })))).toBe('malformed_body');
  });

  it('accepts any secret of a rotation, and webhook-* header names', async () => {
    const old = generateStandardSecret();
    expect((await receiver({ secret: [old, secret] }).receive(sign({ secret: old }))).type).toBe('event');
    expect((await receiver({ secret: [old, secret] }).receive(sign())).type).toBe('event');
    const request = sign();
    const renamed = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name.replace(/^svix-/, 'webhook-'), value]),
    );
    expect((await receiver().receive({ ...request, headers: renamed })).type).toBe('event');
  });

  it('refuses a missing or malformed secret at construction', () => {
    expect(() => input.create({} as { secret: string })).toThrow(WebhookConfigError);
    expect(() => input.create({ secret: 'whsec_$$$' })).toThrow(WebhookConfigError);
    expect(() => input.create({ secret: [] })).toThrow(WebhookConfigError);
  });
}
