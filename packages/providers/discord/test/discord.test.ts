import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { discord, InteractionResponseType } from '@hookwire/discord';
import { generateDiscordKeyPair, signDiscordRequest } from '@hookwire/discord/testing';
import { verifyKey } from 'discord-interactions';
import { describe, expect, it } from 'vitest';

const { publicKey, privateKey } = generateDiscordKeyPair();
const now = 1_700_000_000_000;
const command = {
  id: '1234567890',
  application_id: '42',
  type: 2,
  token: 'interaction-token',
  version: 1,
  guild_id: '7',
  data: { id: '99', name: 'ping', type: 1 },
};

type KeyPair = ReturnType<typeof generateDiscordKeyPair>;
describeReceiver<KeyPair>({
  provider: 'discord',
  create: ({ secret, ...options }) =>
    discord({ publicKey: [secret].flat().map((pair) => pair.publicKey), ...options }),
  sign: ({ secret, timestamp, body }) =>
    signDiscordRequest({ privateKey: secret.privateKey, payload: command, timestamp, body }),
  secrets: [{ publicKey, privateKey }, generateDiscordKeyPair()],
  event: { name: 'interaction.application_command', id: '1234567890' },
  signatureHeaders: ['X-Signature-Ed25519', 'X-Signature-Timestamp'],
  malformedSignature: { value: 'zz' },
  // Discord probes the endpoint with bad signatures on save and expects 401 to each.
  failureStatus: 401,
  malformedBodies: ['{"type":', '{"id":"1"}'],
  handshakes: [
    {
      name: 'interaction PING',
      request: ({ secret, timestamp }) =>
        signDiscordRequest({
          privateKey: secret.privateKey,
          payload: { id: '1', application_id: '42', type: 1, token: 't', version: 1 },
          timestamp,
        }),
      response: { status: 200, body: JSON.stringify({ type: InteractionResponseType.PONG }) },
    },
  ],
  deliveryId: true,
});

describe('discord receiver', () => {
  it('signs what discord-interactions verifyKey accepts, and accepts what it signs', async () => {
    const request = signDiscordRequest({ privateKey, payload: command });
    const ok = await verifyKey(
      request.body,
      request.headers['x-signature-ed25519'] as string,
      request.headers['x-signature-timestamp'] as string,
      publicKey,
    );
    expect(ok).toBe(true);
    const result = await discord({ publicKey }).receive(request);
    expect(result.type).toBe('event');
    // And verifyKey rejects the same tampering the receiver rejects.
    const tampered = Buffer.from(JSON.stringify({ ...command, type: 3 }));
    const forged = await verifyKey(
      tampered,
      request.headers['x-signature-ed25519'] as string,
      request.headers['x-signature-timestamp'] as string,
      publicKey,
    );
    expect(forged).toBe(false);
    expect(await errorCodeOf(discord({ publicKey }).receive({ ...request, body: tampered }))).toBe(
      'signature_mismatch',
    );
  });

  it('answers an interaction PING only after verifying it', async () => {
    const ping = { id: '1', application_id: '42', type: 1, token: 't', version: 1 };
    const unsigned = signDiscordRequest({ privateKey: generateDiscordKeyPair().privateKey, payload: ping });
    expect((await discord({ publicKey }).handle(unsigned)).status).toBe(401);
  });

  it('answers a webhook event PING (type 0) with 204', async () => {
    const ping = { version: 1, application_id: '42', type: 0 };
    const response = await discord({ publicKey }).handle(signDiscordRequest({ privateKey, payload: ping }));
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
  });

  it('names interactions by type, sends the handler reply as JSON, and defers without one', async () => {
    const receiver = discord({ publicKey });
    const deferred = await receiver.handle(signDiscordRequest({ privateKey, payload: command }));
    expect(JSON.parse(String(deferred.body))).toEqual({ type: 5 });
    const component = { ...command, type: 3, data: { custom_id: 'b', component_type: 2 } };
    const update = await receiver.handle(signDiscordRequest({ privateKey, payload: component }));
    expect(JSON.parse(String(update.body))).toEqual({ type: 6 });
    receiver.on('interaction.application_command', (event) => ({
      type: InteractionResponseType.CHANNEL_MESSAGE_WITH_SOURCE,
      data: { content: `pong from ${event.payload.data?.name}` },
    }));
    const reply = await receiver.handle(signDiscordRequest({ privateKey, payload: command }));
    expect(reply.status).toBe(200);
    expect(JSON.parse(String(reply.body))).toEqual({ type: 4, data: { content: 'pong from ping' } });
    const event = await eventOf(receiver.receive(signDiscordRequest({ privateKey, payload: command })));
    expect(event.name).toBe('interaction.application_command');
    expect(event.id).toBe('1234567890');
    expect(event.meta).toMatchObject({ applicationId: '42', guildId: '7', interactionType: 2 });
  });

  it('names webhook events by event.type and answers 204', async () => {
    const body = {
      version: 1,
      application_id: '42',
      type: 1,
      event: {
        type: 'ENTITLEMENT_CREATE',
        timestamp: '2024-10-08T16:36:45.000Z',
        data: { id: 'e1', sku_id: 's1', application_id: '42', type: 8, deleted: false },
      },
    };
    const receiver = discord({ publicKey });
    const skus: string[] = [];
    receiver.on('ENTITLEMENT_CREATE', (event) => {
      skus.push(event.payload.data?.sku_id ?? '');
    });
    const response = await receiver.handle(signDiscordRequest({ privateKey, payload: body }));
    expect(response.status).toBe(204);
    expect(skus).toEqual(['s1']);
  });

  it('answers 401 to a wrong signature or timestamp, naming the code, revealing no key', async () => {
    const request = signDiscordRequest({ privateKey, payload: command });
    const signature = request.headers['x-signature-ed25519'] as string;
    const flipped = (signature[0] === '0' ? '1' : '0') + signature.slice(1);
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ 'x-signature-ed25519': signature.slice(2) }, 'malformed_signature'],
      [{ 'x-signature-ed25519': flipped }, 'signature_mismatch'],
      [{ 'x-signature-timestamp': '1700000001' }, 'signature_mismatch'],
    ];
    for (const [headers, code] of cases) {
      const response = await discord({ publicKey }).handle(withHeaders(request, headers));
      expect(response.status).toBe(401);
      expect(JSON.parse(String(response.body)).error.code).toBe(code);
      expect(String(response.body)).not.toContain(publicKey);
    }
  });

  it('refuses a malformed key at construction', () => {
    expect(() => discord({ publicKey: 'abcd' })).toThrow(/publicKey/);
    expect(() => discord({ publicKey: [] })).toThrow(/required/);
  });

  it('checks the signed timestamp only when a tolerance is set', async () => {
    const stale = signDiscordRequest({ privateKey, payload: command, timestamp: now / 1000 - 3600 });
    expect((await discord({ publicKey, now: () => now }).receive(stale)).type).toBe('event');
    const strict = discord({ publicKey, now: () => now, tolerance: 300 });
    const staleError = await webhookErrorOf(strict.receive(stale));
    expect([staleError.code, staleError.status]).toEqual(['timestamp_too_old', 401]);
    const future = signDiscordRequest({ privateKey, payload: command, timestamp: now / 1000 + 3600 });
    expect(await errorCodeOf(strict.receive(future))).toBe('timestamp_in_future');
    const fresh = signDiscordRequest({ privateKey, payload: command, timestamp: now / 1000 - 10 });
    expect((await strict.receive(fresh)).type).toBe('event');
  });
});
