/**
 * The receiver conformance suite every provider package runs: the checks that hold for any
 * receiver (signed request accepted, tampering and wrong secrets refused with stable codes,
 * rotation, timestamps, handshakes, dedupe), so a provider's own tests keep only what is its own.
 */
import { describe, expect, it } from 'vitest';
import { WebhookConfigError, WebhookError, type WebhookErrorCode } from '../errors.js';
import type { ReceiveResult, WebhookEvent, WebhookRequest, WebhookResponse } from '../types.js';
import { webhookErrorOf } from './requests.js';

/** What the suite needs of a receiver (every `Receiver` has it). */
export interface ReceiverUnderTest {
  receive(request: WebhookRequest): Promise<ReceiveResult>;
  handle(request: WebhookRequest): Promise<WebhookResponse>;
  onAny(handler: (event: WebhookEvent) => unknown): unknown;
}

/** What the suite passes to `create`; map it onto the provider's options (`code`, `publicKey`…). */
export interface ReceiverTestOptions<TSecret> {
  /** One of `secrets`, or both during the rotation case. */
  secret: TSecret | TSecret[];
  /** The pinned clock, in milliseconds. */
  now: () => number;
  /** Set in the dedupe case only. */
  dedupe?: true;
}

/** What the suite passes to `sign`. */
export interface SignTestInput<TSecret> {
  secret: TSecret;
  /** Unix seconds to sign at (the pinned clock, or off it in the timestamp cases). */
  timestamp: number;
  /** One of `methods`. */
  method: string;
  /** Set in the malformed-body case only: sign these bytes instead of the sample. */
  body?: string;
}

export interface HandshakeCase<TSecret> {
  /** Shown in the test name, e.g. `GET challenge`. */
  name: string;
  request(input: SignTestInput<TSecret>): WebhookRequest | Promise<WebhookRequest>;
  /** The response expected: the status, and the body text and headers where given. */
  response: { status: number; body?: string | RegExp; headers?: Record<string, string> };
}

export interface ReceiverDescription<TSecret = string> {
  /** `event.provider`, e.g. `github`. */
  provider: string;
  /** Names one of several schemes of a provider, e.g. `signing token`, in the describe title. */
  variant?: string;
  /** Builds a receiver, e.g. `(options) => github(options)`. */
  create(options: NoInfer<ReceiverTestOptions<TSecret>>): ReceiverUnderTest;
  /** Signs a valid request, e.g. `({ secret }) => signGitHubRequest({ secret, event: 'push', payload })`. */
  sign(input: SignTestInput<TSecret>): WebhookRequest | Promise<WebhookRequest>;
  /** The secret receivers are built with and another one (default: two 44-character strings). */
  secrets?: readonly [current: TSecret, other: TSecret];
  /** The pinned clock in Unix seconds (default 1 800 000 000). */
  now?: number;
  /** What the signed request yields (its first event): name, and id, meta and payload where fixed. */
  event?: { name: string; id?: string; meta?: Record<string, unknown>; payload?: unknown };
  /** Bodies that verify but are no event of this provider, each refused with `malformed_body`. */
  malformedBodies?: readonly string[];
  /**
   * `signature` (default): the body is signed, a wrong secret is `signature_mismatch`. `code`: the
   * secret is the URL's `?code=` (ASP.NET convention). `token`: the secret is sent as is in a
   * header. `basic`: it is the password of Basic credentials, and missing credentials are
   * challenged (401). Unless signed, the body is not checked and a wrong secret is `unauthorized`.
   */
  credential?: 'signature' | 'code' | 'token' | 'basic';
  /** Headers the signature travels in: each is removed (`missing_header`) and sent twice (`duplicate_header`). */
  signatureHeaders?: readonly string[];
  /** A value of a signature header that cannot be a signature, and its code (default `malformed_signature`). */
  malformedSignature?: { header?: string; value: string; code?: WebhookErrorCode };
  /** The scheme signs a timestamp, valid for `tolerance` seconds (either way, unless `future` is `'accepted'`). */
  timestamp?: { tolerance: number; future?: 'refused' | 'accepted' };
  /** Unsigned or signed handshakes and the responses they get. */
  handshakes?: readonly HandshakeCase<TSecret>[];
  /** The status of every failed verification, where the provider requires one (Shopify: 401). */
  failureStatus?: number;
  /** Several secrets at once are accepted (default true). */
  rotation?: boolean;
  /** The provider sends a delivery id that stays the same across retries: dedupe drops a repeat. */
  deliveryId?: boolean;
  /** Methods that carry events (default `['POST']`): each is accepted, another refused. */
  methods?: readonly string[];
  /** Changes a signed request's body, signatures kept (default: appends a space). */
  tamper?(request: WebhookRequest): WebhookRequest;
}

const defaultSecrets = [
  'hookwire-conformance-secret-7f3a9c2e1b5d8f40',
  'hookwire-conformance-other-0c6e2a9b4d7f1e38',
] as const;
const refusedMethods = ['PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Registers the conformance cases of one provider's receiver under `describe('<provider> receiver conformance')`. */
export function describeReceiver<TSecret = string>(description: ReceiverDescription<TSecret>): void {
  const [secret, other] = (description.secrets ?? defaultSecrets) as readonly [TSecret, TSecret];
  const now = description.now ?? 1_800_000_000;
  const methods = description.methods ?? ['POST'];
  const credential = description.credential ?? 'signature';
  const wrongSecretCode: WebhookErrorCode =
    credential === 'signature' ? 'signature_mismatch' : 'unauthorized';
  const create = (overrides: Partial<ReceiverTestOptions<TSecret>> = {}) =>
    description.create({ secret, now: () => now * 1000, ...overrides });
  const sign = async (overrides: Partial<SignTestInput<TSecret>> = {}) =>
    description.sign({ secret, timestamp: now, method: methods[0]!, ...overrides });
  const refusal = async (
    request: WebhookRequest,
    code: WebhookErrorCode,
    status = description.failureStatus ?? new WebhookError(code, '').status,
  ) => {
    const error = await webhookErrorOf(create().receive(request));
    expect({ code: error.code, status: error.status }).toEqual({ code, status });
    return error;
  };
  const accepted = async (request: WebhookRequest, receiver = create()) => {
    const result = await receiver.receive(request);
    expect(result.type).toBe('event');
    return result.type === 'event' ? result.event : undefined;
  };

  const title = `${description.provider} receiver conformance`;
  describe(description.variant ? `${title} (${description.variant})` : title, () => {
    it('accepts a signed request and answers it with 2xx', async () => {
      const event = await accepted(await sign());
      expect(event?.provider).toBe(description.provider);
      if (description.event) expect(event).toMatchObject(description.event);
      const receiver = create();
      let handled = 0;
      receiver.onAny(() => {
        handled += 1;
      });
      const response = await receiver.handle(await sign());
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(300);
      expect(handled).toBeGreaterThan(0);
    });

    for (const method of methods.slice(1)) {
      it(`accepts a request sent with ${method}`, async () => {
        const request = await sign({ method });
        expect(request.method).toBe(method);
        await accepted(request);
      });
    }

    const refused = refusedMethods.find((method) => !methods.includes(method))!;
    it(`refuses ${refused} with method_not_allowed`, async () => {
      await refusal({ ...(await sign()), method: refused }, 'method_not_allowed', 405);
    });

    it(`refuses a wrong secret with ${wrongSecretCode}, revealing no secret`, async () => {
      const request = await sign({ secret: other });
      const error = await refusal(request, wrongSecretCode);
      const response = await create().handle(request);
      expect(response.status).toBe(error.status);
      for (const value of [secret, other]) {
        if (typeof value === 'string') expect(String(response.body)).not.toContain(value);
      }
    });

    if (credential === 'signature') {
      it('refuses a tampered body with signature_mismatch', async () => {
        const request = await sign();
        const tampered = description.tamper?.(request) ?? {
          ...request,
          body: Buffer.concat([request.body, Buffer.from(' ')]),
        };
        expect(Buffer.from(tampered.body).equals(Buffer.from(request.body))).toBe(false);
        await refusal(tampered, 'signature_mismatch');
      });
    } else if (credential === 'code') {
      it('refuses a request without the code parameter with unauthorized', async () => {
        const request = await sign();
        const url = new URL(request.url);
        expect(url.searchParams.has('code')).toBe(true);
        url.searchParams.delete('code');
        await refusal({ ...request, url: url.href }, 'unauthorized');
      });

      it('refuses the code over plain http with unauthorized (400)', async () => {
        const request = await sign();
        const url = new URL(request.url);
        url.protocol = 'http:';
        url.hostname = 'hooks.example.com';
        await refusal({ ...request, url: url.href }, 'unauthorized', 400);
      });

      it('refuses a code shorter than 32 characters at construction', () => {
        expect(() => create({ secret: 'x'.repeat(31) as TSecret })).toThrow(WebhookConfigError);
      });
    }

    for (const header of description.signatureHeaders ?? []) {
      it(`refuses a request without ${header}, or with it twice`, async () => {
        const request = await sign();
        const value = request.headers[header.toLowerCase()];
        expect(typeof value).toBe('string');
        const { [header.toLowerCase()]: _, ...rest } = request.headers;
        // Missing credentials are challenged (401, `WWW-Authenticate`), not a malformed request.
        await refusal(
          { ...request, headers: rest },
          'missing_header',
          credential === 'basic' ? 401 : undefined,
        );
        const twice = { ...request.headers, [header.toLowerCase()]: [value as string, value as string] };
        await refusal({ ...request, headers: twice }, 'duplicate_header');
      });
    }

    const malformed = description.malformedSignature;
    if (malformed) {
      const header = (malformed.header ?? description.signatureHeaders?.[0] ?? '').toLowerCase();
      const code = malformed.code ?? 'malformed_signature';
      it(`refuses a malformed ${header} with ${code}`, async () => {
        expect(header).not.toBe('');
        const request = await sign();
        await refusal({ ...request, headers: { ...request.headers, [header]: malformed.value } }, code);
      });
    }

    const malformedBodies = description.malformedBodies ?? [];
    if (malformedBodies.length > 0) {
      it('refuses signed bodies that are no event with malformed_body', async () => {
        for (const body of malformedBodies) {
          const request = await sign({ body });
          expect(Buffer.from(request.body).toString()).toBe(body);
          await refusal(request, 'malformed_body', 400);
        }
      });
    }

    if (description.rotation ?? true) {
      it('accepts the old and the new secret during a rotation', async () => {
        const rotating = create({ secret: [other, secret] });
        await accepted(await sign({ secret: other }), rotating);
        await accepted(await sign({ secret }), rotating);
      });
    }

    const timestamp = description.timestamp;
    if (timestamp) {
      const { tolerance, future = 'refused' } = timestamp;
      it(`accepts a timestamp up to ${tolerance} s off; refuses a stale one, and a future one (${future})`, async () => {
        await accepted(await sign({ timestamp: now - tolerance + 1 }));
        await accepted(await sign({ timestamp: now + tolerance - 1 }));
        await refusal(await sign({ timestamp: now - tolerance - 1 }), 'timestamp_too_old');
        const ahead = await sign({ timestamp: now + tolerance + 1 });
        if (future === 'accepted') await accepted(ahead);
        else await refusal(ahead, 'timestamp_in_future');
      });
    }

    for (const handshake of description.handshakes ?? []) {
      it(`answers the ${handshake.name} handshake`, async () => {
        const request = await handshake.request({ secret, timestamp: now, method: methods[0]! });
        const result = await create().receive(request);
        expect(result.type).toBe('response');
        if (result.type !== 'response') return;
        const { status, body, headers } = handshake.response;
        expect(result.response.status).toBe(status);
        if (typeof body === 'string') expect(responseText(result.response)).toBe(body);
        if (body instanceof RegExp) expect(responseText(result.response)).toMatch(body);
        if (headers) expect(result.response.headers).toMatchObject(headers);
      });
    }

    if (description.deliveryId) {
      it('drops a repeated delivery id when dedupe is on', async () => {
        const request = await sign();
        const receiver = create({ dedupe: true });
        const ids: (string | undefined)[] = [];
        receiver.onAny((event) => {
          ids.push(event.id);
        });
        const first = await receiver.handle(request);
        const handledOnce = ids.length;
        const second = await receiver.handle(request);
        expect(second.status).toBe(first.status);
        expect(first.status).toBeLessThan(300);
        expect(handledOnce).toBeGreaterThan(0);
        expect(ids).toHaveLength(handledOnce);
        expect(ids[0]).toBeTypeOf('string');
      });
    }
  });
}

function responseText(response: WebhookResponse): string {
  const { body } = response;
  return body === undefined ? '' : typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
}
