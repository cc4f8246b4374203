import { createHmac } from 'node:crypto';
import type { BaseReceiverOptions } from '@hookwire/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Loads core (and providers) with `process.getBuiltinModule` hidden, as on a runtime without
// node:crypto (Cloudflare Workers without nodejs_compat): the choice is made at import, so each
// test imports fresh modules. The GitHub, Stripe and Slack receivers run on this path for real in
// tests/runtimes (workerd without nodejs_compat).
type Core = typeof import('@hookwire/core');
const original = process.getBuiltinModule;

beforeEach(() => {
  vi.resetModules();
  (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
});
afterEach(() => {
  process.getBuiltinModule = original;
  vi.resetModules();
});

const webCore = async (): Promise<Core> => import('@hookwire/core');
const hex = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest('hex');
const body = '{"type":"invoice.paid","id":"evt_1"}';

function request(core: Core, headers: Record<string, string>, payload = body) {
  return core.createWebhookRequest({
    headers: { 'content-type': 'application/json', ...headers },
    body: payload,
  });
}

describe('the Web Crypto path', () => {
  it('is chosen at import when node:crypto is not available', async () => {
    const core = await webCore();
    expect(core.cryptoPath).toBe('web');
    process.getBuiltinModule = original;
    vi.resetModules();
    expect((await webCore()).cryptoPath).toBe('node');
  });

  it('verifies HMAC signatures asynchronously, with the same errors', async () => {
    const core = await webCore();
    const options = {
      algorithm: 'sha256' as const,
      secrets: ['old', 'new'],
      parts: ['t.', body],
      encoding: 'hex' as const,
      header: 'X-Sig',
      provider: 'Test',
    };
    await expect(
      core.verifyHmac({ ...options, signatures: hex('new', `t.${body}`) }),
    ).resolves.toBeUndefined();
    await expect(
      core.verifyHmac({ ...options, signatures: hex('other', `t.${body}`) }),
    ).rejects.toMatchObject({
      code: 'signature_mismatch',
    });
    await expect(core.verifyHmac({ ...options, signatures: 'not hex' })).rejects.toMatchObject({
      code: 'malformed_signature',
    });
    const base64 = createHmac('sha256', 'new').update(`t.${body}`).digest('base64');
    await expect(
      core.verifyHmac({ ...options, encoding: 'base64', signatures: base64 }),
    ).resolves.toBeUndefined();
  });

  it('hmacAsync matches node:crypto, and the synchronous helpers say what to use instead', async () => {
    const core = await webCore();
    expect(Buffer.from(await core.hmacAsync('sha512', 'k', 'a', 'b')).toString('hex')).toBe(
      createHmac('sha512', 'k').update('ab').digest('hex'),
    );
    expect(() => core.hmacHex('sha256', 'k', 'a')).toThrow(/hmacAsync\(\)/);
    expect(() => core.ed25519PublicKey('whpk_x')).toThrow(core.WebhookConfigError);
    expect(core.timingSafeEqual('abc', 'abc')).toBe(true);
    expect(core.timingSafeEqual('abc', 'abd')).toBe(false);
    expect(core.timingSafeEqual('abc', 'abcd')).toBe(false);
  });

  it('signs and verifies Standard Webhooks like the Node path', async () => {
    const core = await webCore();
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const input = { id: 'msg_1', timestamp: 1_700_000_000, body, secrets: [secret] };
    const signature = await core.signStandardWebhookAsync(input);
    const key = Buffer.from(secret.slice(6), 'base64');
    expect(signature).toBe(
      `v1,${createHmac('sha256', key).update(`msg_1.1700000000.${body}`).digest('base64')}`,
    );
    const verify = (sig: string, payload = body) =>
      core.verifyStandardWebhook({
        id: 'msg_1',
        timestamp: '1700000000',
        signature: sig,
        body: new TextEncoder().encode(payload),
        keys: [core.decodeStandardSecret(secret)],
        nowMs: 1_700_000_000_000,
        toleranceSeconds: 300,
      });
    // Again with the same secret: the key decoded (and imported) for the first signature is reused.
    expect(await core.signStandardWebhookAsync({ ...input, timestamp: 1_700_000_001 })).toBe(
      `v1,${createHmac('sha256', key).update(`msg_1.1700000001.${body}`).digest('base64')}`,
    );
    await expect(verify(`v1a,xyz ${signature}`)).resolves.toBe(1_700_000_000_000);
    await expect(verify(signature, `${body} `)).rejects.toMatchObject({ code: 'signature_mismatch' });
    await expect(verify('v1,???')).rejects.toMatchObject({ code: 'malformed_signature' });
  });

  it('a provider that drops the promise of verifyHmac still rejects a forged request (fail closed)', async () => {
    const core = await webCore();
    const careless = core.defineProvider<BaseReceiverOptions & { secret: string }, undefined>({
      name: 'careless',
      title: 'Careless',
      setup: () => undefined,
      verify: (req, { options }) => {
        core.verifyHmac({
          algorithm: 'sha256',
          secrets: [options.secret],
          parts: [req.body],
          signatures: core.getHeader(req, 'x-sig') ?? '',
          encoding: 'hex',
          header: 'X-Sig',
          provider: 'Careless',
        });
      },
      parse: () => ({ name: 'ping', payload: {} }),
    });
    const receiver = careless({ secret: 's' });
    const ran: string[] = [];
    receiver.on('ping', (event) => void ran.push(event.name));
    expect((await receiver.handle(request(core, { 'x-sig': hex('forged', body) }))).status).toBe(401);
    expect(ran).toEqual([]);
    expect((await receiver.handle(request(core, { 'x-sig': hex('s', body) }))).status).toBe(200);
    expect(ran).toEqual(['ping']);
  });
});
