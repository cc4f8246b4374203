import { createWebhookRequest, type WebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { slack } from '@hookwire/slack';
import { signSlackRequest } from '@hookwire/slack/testing';
import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';

// Slack's documented example ("Verifying requests from Slack").
const docsSecret = '8f742231b10e8888abcd99yyyzzz85a5';
const docsTimestamp = 1531420618;
const docsBody =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const docsSignature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

const secret = 'e3b0c44298fc1c149afbf4c8996fb924';
const nowSeconds = 1_750_000_000;
const now = () => nowSeconds * 1000;
const receiver = (options: Partial<Parameters<typeof slack>[0]> = {}) => slack({ secret, now, ...options });

const mention = {
  type: 'event_callback',
  token: 'legacy-token',
  team_id: 'T123',
  api_app_id: 'A123',
  event: { type: 'app_mention', user: 'U1', text: '<@U0> hi', ts: '1.2', channel: 'C1', event_ts: '1.2' },
  event_id: 'Ev08MFMKH6',
  event_time: nowSeconds,
};

function signed(input: Omit<Parameters<typeof signSlackRequest>[0], 'secret'> & { secret?: string }) {
  return signSlackRequest({ secret, timestamp: nowSeconds, ...input });
}

const challenge = '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P';
describeReceiver({
  provider: 'slack',
  create: slack,
  sign: ({ secret, timestamp }) => signSlackRequest({ secret, timestamp, payload: mention }),
  event: { name: 'app_mention', id: 'Ev08MFMKH6' },
  signatureHeaders: ['X-Slack-Signature', 'X-Slack-Request-Timestamp'],
  malformedSignature: { value: 'v0=zz' },
  timestamp: { tolerance: 300 },
  handshakes: [
    {
      name: 'url_verification',
      request: ({ secret, timestamp }) =>
        signSlackRequest({ secret, timestamp, payload: { type: 'url_verification', token: 't', challenge } }),
      response: {
        status: 200,
        body: JSON.stringify({ challenge }),
        headers: { 'content-type': 'application/json' },
      },
    },
    {
      name: 'ssl_check',
      request: ({ secret, timestamp }) =>
        signSlackRequest({ secret, timestamp, form: { ssl_check: '1', token: 't' } }),
      response: { status: 200 },
    },
  ],
  deliveryId: true,
});

describe('slack receiver', () => {
  it("verifies Slack's documented example and names the slash command by its command", async () => {
    const request = createWebhookRequest({
      body: docsBody,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(docsTimestamp),
        'x-slack-signature': docsSignature,
      },
    });
    const event = await eventOf(
      slack({ secret: docsSecret, now: () => docsTimestamp * 1000 + 1000 }).receive(request),
    );
    expect(event.name).toBe('/webhook-collect');
    expect(event.payload).toMatchObject({
      command: '/webhook-collect',
      text: '',
      user_name: 'roadrunner',
      response_url: 'https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN',
    });
    expect(event.meta).toMatchObject({ kind: 'command', teamId: 'T1DC2JH3J' });
  });

  it('signs exactly what @slack/bolt verifies, and both reject a tampered body', () => {
    const request = signSlackRequest({ secret, payload: mention });
    const body = Buffer.from(request.body).toString();
    const headers = {
      'x-slack-signature': request.headers['x-slack-signature'] as string,
      'x-slack-request-timestamp': Number(request.headers['x-slack-request-timestamp']),
    };
    expect(() => verifySlackRequest({ signingSecret: secret, body, headers })).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: secret, body: `${body} `, headers })).toThrow(
      /mismatch/,
    );
  });

  it('accepts a request bolt would accept (docs example) and rejects what bolt rejects (wrong secret)', async () => {
    const headers = { 'x-slack-signature': docsSignature, 'x-slack-request-timestamp': docsTimestamp };
    const nowMilliseconds = docsTimestamp * 1000;
    expect(() =>
      verifySlackRequest({ signingSecret: docsSecret, body: docsBody, headers, nowMilliseconds }),
    ).not.toThrow();
    expect(() =>
      verifySlackRequest({ signingSecret: secret, body: docsBody, headers, nowMilliseconds }),
    ).toThrow(/signature mismatch/);
  });

  it('names Events API callbacks by event.type, with event_id as the id and retries in meta', async () => {
    const event = await eventOf(
      receiver().receive(signed({ payload: mention, retryNum: 2, retryReason: 'http_error' })),
    );
    expect(event.name).toBe('app_mention');
    expect(event.id).toBe('Ev08MFMKH6');
    expect(event.payload).toEqual(mention);
    expect(event.meta).toEqual({
      kind: 'event',
      teamId: 'T123',
      apiAppId: 'A123',
      retryNum: 2,
      retryReason: 'http_error',
    });
  });

  it('names top-level callbacks such as app_rate_limited by their type', async () => {
    const payload = {
      type: 'app_rate_limited',
      token: 't',
      team_id: 'T1',
      minute_rate_limited: 1,
      api_app_id: 'A1',
    };
    const result = await receiver().receive(signed({ payload }));
    expect(result.type === 'event' && result.event.name).toBe('app_rate_limited');
  });

  it('answers url_verification only when signed, and only with a challenge', async () => {
    const payload = { type: 'url_verification', token: 't', challenge };
    const unsigned = createWebhookRequest({
      body: JSON.stringify(payload),
      headers: { 'content-type': 'application/json' },
    });
    expect(await errorCodeOf(receiver().receive(unsigned))).toBe('missing_header');
    const noChallenge = signed({ payload: { type: 'url_verification' } });
    expect(await errorCodeOf(receiver().receive(noChallenge))).toBe('malformed_body');
  });

  it('verifies interactivity on the raw form bytes, then decodes payload and names it by type', async () => {
    const interaction = {
      type: 'block_actions',
      token: 't',
      api_app_id: 'A1',
      team: { id: 'T9', domain: 'x' },
      user: { id: 'U1' },
      trigger_id: '1.2.3',
      container: {},
      actions: [{ type: 'button', action_id: 'approve', block_id: 'b', action_ts: '1', value: 'a b+c' }],
    };
    // Slack encodes spaces as "+": the MAC is over these bytes, not over a re-encoding of the form.
    const body = `payload=${encodeURIComponent(JSON.stringify(interaction)).replace(/%20/g, '+')}`;
    const event = await eventOf(
      receiver().receive(
        withHeaders(signed({ body }), { 'content-type': 'application/x-www-form-urlencoded' }),
      ),
    );
    expect(event.name).toBe('block_actions');
    expect(event.payload).toEqual(interaction);
    expect(event.meta).toMatchObject({ kind: 'interactivity', teamId: 'T9', apiAppId: 'A1' });
  });

  it('rejects a replayed timestamp: the signature covers it', async () => {
    const request = signed({ payload: mention });
    const moved = withHeaders(request, { 'x-slack-request-timestamp': String(nowSeconds + 1) });
    expect(await errorCodeOf(receiver().receive(moved))).toBe('signature_mismatch');
  });

  it('honours a configured tolerance', async () => {
    const stale = signed({ payload: mention, timestamp: nowSeconds - 301 });
    expect((await receiver({ tolerance: 600 }).receive(stale)).type).toBe('event');
  });

  it('rejects two different timestamp headers', async () => {
    const request = signed({ payload: mention });
    const twoTimes = withHeaders(request, { 'x-slack-request-timestamp': [String(nowSeconds), '1'] });
    expect(await errorCodeOf(receiver().receive(twoTimes))).toBe('duplicate_header');
  });

  it('requires the v0= prefix and a timestamp in seconds', async () => {
    const request = signed({ payload: mention });
    const hex = (request.headers['x-slack-signature'] as string).slice(3);
    for (const value of [hex, `v1=${hex}`, 'v0=']) {
      const error = await webhookErrorOf(
        receiver().receive(withHeaders(request, { 'x-slack-signature': value })),
      );
      expect(error.code).toBe('malformed_signature');
    }
    const error = await webhookErrorOf(
      receiver().receive(withHeaders(request, { 'x-slack-request-timestamp': '2025-06-15T00:00:00Z' })),
    );
    expect(error.code).toBe('malformed_header');
  });

  it('reports malformed bodies after verifying them', async () => {
    const cases: WebhookRequest[] = [
      signed({ body: '{"type":' }),
      signed({ payload: ['not', 'an', 'object'] }),
      signed({ payload: { type: 'event_callback', event: {} } }),
      signed({ payload: { event: { type: 'x' } } }),
      signed({ form: { text: 'neither command nor payload' } }),
      signed({ form: { payload: '{not json' } }),
    ];
    for (const request of cases)
      expect(await errorCodeOf(receiver().receive(request))).toBe('malformed_body');
  });

  it('checks the legacy verification token only when configured', async () => {
    const strict = receiver({ verificationToken: 'legacy-token' });
    expect((await strict.receive(signed({ payload: mention }))).type).toBe('event');
    const other = signed({ payload: { ...mention, token: 'forged' } });
    expect(await errorCodeOf(strict.receive(other))).toBe('unauthorized');
    expect((await receiver().receive(other)).type).toBe('event');
    const command = signed({ form: { command: '/x', text: '', token: 'forged' } });
    expect(await errorCodeOf(strict.receive(command))).toBe('unauthorized');
  });

  it("sends a command handler's reply back to Slack, and an empty 200 otherwise", async () => {
    const commands = receiver();
    commands.on('/deploy', (event) => `Deploying ${event.payload.text}`);
    commands.on('/status', () => ({ response_type: 'ephemeral', text: 'all green' }));
    const deploy = await commands.handle(signed({ form: { command: '/deploy', text: 'api' } }));
    expect(deploy).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'Deploying api',
    });
    const status = await commands.handle(signed({ form: { command: '/status', text: '' } }));
    expect(status.status).toBe(200);
    expect(JSON.parse(String(status.body))).toEqual({ response_type: 'ephemeral', text: 'all green' });
    expect(await commands.handle(signed({ payload: mention }))).toEqual({ status: 200 });
  });

  it('routes commands with a "/" wildcard and events by name', async () => {
    const routed = receiver();
    const seen: string[] = [];
    routed.on('/*', (event) => {
      seen.push(`command ${event.name}`);
    });
    routed.on('app_mention', (event) => {
      seen.push(`mention ${event.payload.event.text}`);
    });
    await routed.handle(signed({ form: { command: '/deploy', text: '' } }));
    await routed.handle(signed({ payload: mention }));
    expect(seen).toEqual(['command /deploy', 'mention <@U0> hi']);
  });

  it('refuses bad configuration at construction', () => {
    expect(() => slack({ secret: '' })).toThrow(/empty/);
    expect(() => slack({ secret: [] })).toThrow(/at least one/);
    expect(() => slack({ secret, verificationToken: ' tok' })).toThrow(/whitespace/);
  });
});
