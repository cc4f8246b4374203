import { createHash } from 'node:crypto';
import { createWebhookRequest, hmacBase64, type WebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, webhookErrorOf, withBody } from '@hookwire/core/testing';
import { twilio } from '@hookwire/twilio';
import { signTwilioRequest } from '@hookwire/twilio/testing';
import twilioSdk from 'twilio';
import { describe, expect, it } from 'vitest';

const token = '12345';

function formRequest(url: string, params: Record<string, string>, signature: string): WebhookRequest {
  return createWebhookRequest({
    url,
    body: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
  });
}

async function accepts(request: WebhookRequest, options: Parameters<typeof twilio>[0] = { secret: token }) {
  const result = await twilio(options).receive(request);
  expect(result.type).toBe('event');
  return result.type === 'event' ? result.event : undefined;
}

// twilio-node spec/validation.spec.js: Auth Token 12345, these parameters and URLs.
const sdkParams = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
};
const sdkUrl = 'https://mycompany.com/myapp.php?foo=1&bar=2';

describeReceiver({
  provider: 'twilio',
  create: twilio,
  sign: ({ secret, method }) =>
    signTwilioRequest({
      secret,
      url: 'https://hooks.example.com/twilio',
      params: { MessageSid: 'SM1', SmsStatus: 'received', Body: 'hi' },
      method: method as 'POST' | 'GET',
      idempotencyToken: 't-1',
    }),
  event: { name: 'message.received', id: 't-1' },
  signatureHeaders: ['X-Twilio-Signature'],
  malformedSignature: { value: '%%%' },
  methods: ['POST', 'GET'],
  deliveryId: true,
});

describe('twilio receiver: published vectors', () => {
  it("verifies the example of Twilio's security docs", async () => {
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+14158675310',
      Digits: '1234',
      From: '+14158675310',
      To: '+18005551212',
    };
    const request = formRequest(
      'https://example.com/myapp.php?foo=1&bar=2',
      params,
      'L/OH5YylLD5NRKLltdqwSvS0BnU=',
    );
    const event = await accepts(request);
    expect(event?.payload).toMatchObject(params);
  });

  it('verifies the twilio-node test vectors: ports added and removed, credentials, special characters', async () => {
    const vectors: [url: string, signature: string][] = [
      [sdkUrl, 'RSOYDt4T1cUTdK1PDd93/VVr8B8='],
      [sdkUrl.replace('.com', '.com:1234'), 'RSOYDt4T1cUTdK1PDd93/VVr8B8='], // signed without the port
      [sdkUrl.replace('.com', '.com:1234').replace('https', 'http'), 'Zmvh+3yNM1Phv2jhDCwEM3q5ebU='],
      [sdkUrl, 'kvajT1Ptam85bY51eRf/AJRuM3w='], // signed with :443
      [sdkUrl.replace('https', 'http'), '0ZXoZLH/DfblKGATFgpif+LLRf4='], // signed with :80
      [`${sdkUrl}&Body=It's+amazing`, 'dsq4Ehbj6cs+KdTkpF5sSSplOWw='],
    ];
    for (const [url, signature] of vectors) await accepts(formRequest(url, sdkParams, signature));
  });

  it('verifies the twilio-node vectors for URLs with credentials, given through publicUrl', async () => {
    const request = formRequest(sdkUrl, sdkParams, 'CukzLTc1tT5dXEDIHm/tKBanW10=');
    const withCredentials = () => 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2';
    await accepts(request, { secret: token, publicUrl: withCredentials });
    const withPort = formRequest(sdkUrl, sdkParams, 'ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=');
    await accepts(withPort, { secret: token, publicUrl: withCredentials });
    const userOnly = formRequest(sdkUrl, sdkParams, '2YRLlVAflCqxaNicjMpJcSTgzSs=');
    await accepts(userOnly, {
      secret: token,
      publicUrl: () => 'https://user@mycompany.com/myapp.php?foo=1&bar=2',
    });
  });

  it('verifies the twilio-node JSON vectors (bodySHA256 in the signed URL)', async () => {
    const body = '{"property": "value", "boolean": true}';
    const hash = '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620';
    const cases: [string, string][] = [
      [`${sdkUrl}&bodySHA256=${hash}`, 'a9nBmqA0ju/hNViExpshrM61xv4='],
      [`https://mycompany.com/myapp.php?bodySHA256=${hash}`, 'y77kIzt2vzLz71DgmJGsen2scGs='],
    ];
    for (const [url, signature] of cases) {
      const request = createWebhookRequest({
        url,
        body,
        headers: { 'content-type': 'application/json', 'x-twilio-signature': signature },
      });
      const event = await accepts(request);
      expect(event?.payload).toEqual({ property: 'value', boolean: true });
      const tampered = withBody(request, body.replace('value', 'other'));
      expect(await errorCodeOf(twilio({ secret: token }).receive(tampered))).toBe('signature_mismatch');
    }
  });
});

describe('twilio receiver: agrees with the official twilio SDK', () => {
  const params = {
    MessageSid: 'SM1',
    Body: 'héllo & bye+1',
    MediaUrl0: 'https://x.test/a?b=c',
    Tag: ['b', 'a', 'b'],
  };

  it('accepts what twilio.getExpectedTwilioSignature signs, repeated parameters included', async () => {
    const url = 'https://hooks.example.com/sms?client=42';
    const signature = twilioSdk.getExpectedTwilioSignature('sdk-token', url, params);
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
    }
    const request = createWebhookRequest({
      url,
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    });
    await accepts(request, { secret: 'sdk-token' });
  });

  it('produces requests that twilio.validateRequest and validateRequestWithBody accept', () => {
    const form = signTwilioRequest({ secret: 'sdk-token', url: 'https://h.example/voice', params });
    const parsed: Record<string, string | string[]> = {};
    for (const name of new URLSearchParams(Buffer.from(form.body).toString()).keys()) {
      const values = new URLSearchParams(Buffer.from(form.body).toString()).getAll(name);
      parsed[name] = values.length > 1 ? values : (values[0] as string);
    }
    const signature = form.headers['x-twilio-signature'] as string;
    expect(twilioSdk.validateRequest('sdk-token', signature, form.url, parsed)).toBe(true);
    const json = signTwilioRequest({
      secret: 'sdk-token',
      url: 'https://h.example/studio?x=1',
      json: { a: 1 },
    });
    const jsonSignature = json.headers['x-twilio-signature'] as string;
    expect(
      twilioSdk.validateRequestWithBody(
        'sdk-token',
        jsonSignature,
        json.url,
        Buffer.from(json.body).toString(),
      ),
    ).toBe(true);
  });

  it('verifies SharedKey signatures with the algorithm the settings header names', async () => {
    const sharedKey = 'shared-key-secret';
    const request = signTwilioRequest({
      secret: sharedKey,
      url: sdkUrl,
      params: sdkParams,
      algorithm: 'HMAC_SHA256',
    });
    expect(
      twilioSdk.validateRequest(
        sharedKey,
        request.headers['x-twilio-signature'] as string,
        sdkUrl,
        sdkParams,
        'HMAC_SHA256',
      ),
    ).toBe(true);
    await accepts(request, { secret: token, sharedKey });
    // The Auth Token does not verify a SharedKey-signed request, and no sharedKey configured is a clear error.
    const error = await webhookErrorOf(twilio({ secret: token }).receive(request));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('sharedKey');
  });
});

describe('twilio receiver: events and responses', () => {
  const url = 'https://hooks.example.com/twilio';

  it('names messaging and voice webhooks and uses the idempotency token as the id', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ MessageSid: 'SM1', AccountSid: 'AC1', SmsStatus: 'received', Body: 'hi' }, 'message.received'],
      [
        { MessageSid: 'SM1', AccountSid: 'AC1', MessageStatus: 'delivered', SmsStatus: 'sent' },
        'message.delivered',
      ],
      [{ CallSid: 'CA1', AccountSid: 'AC1', CallStatus: 'completed' }, 'call.completed'],
      [
        { CallSid: 'CA1', RecordingSid: 'RE1', RecordingStatus: 'completed', CallStatus: 'in-progress' },
        'recording.completed',
      ],
      [{ EventType: 'onMessageAdded', ConversationSid: 'CH1' }, 'onMessageAdded'],
      [{ Foo: 'bar' }, 'webhook'],
    ];
    for (const [params, name] of cases) {
      const event = await accepts(
        signTwilioRequest({ secret: token, url, params, idempotencyToken: `t-${name}` }),
      );
      expect(event?.name).toBe(name);
      expect(event?.id).toBe(`t-${name}`);
    }
  });

  it('falls back to Sid and event name as the id, so status callbacks of one call stay distinct', async () => {
    const request = signTwilioRequest({
      secret: token,
      url,
      params: { CallSid: 'CA9', CallStatus: 'ringing' },
    });
    const { 'i-twilio-idempotency-token': _, ...headers } = request.headers;
    const event = await accepts({ ...request, headers });
    expect(event?.id).toBe('CA9:call.ringing');
    expect(event?.meta.callSid).toBe('CA9');
  });

  it('answers with the TwiML a handler returns, or an empty Response', async () => {
    const receiver = twilio({ secret: token });
    const params = { MessageSid: 'SM1', SmsStatus: 'received', Body: 'ping' };
    const empty = await receiver.handle(signTwilioRequest({ secret: token, url, params }));
    expect(empty.status).toBe(200);
    expect(empty.headers?.['content-type']).toContain('text/xml');
    expect(String(empty.body)).toContain('<Response></Response>');
    receiver.on(
      'message.received',
      (event) => `<Response><Message>${event.payload.Body}</Message></Response>`,
    );
    const reply = await receiver.handle(signTwilioRequest({ secret: token, url, params }));
    expect(String(reply.body)).toBe('<Response><Message>ping</Message></Response>');
  });

  it('uses publicUrl as the base URL behind a proxy', async () => {
    const signed = signTwilioRequest({
      secret: token,
      url: 'https://hooks.example.com/app/sms?x=1',
      params: { A: '1' },
    });
    const proxied = { ...signed, url: 'http://10.0.0.5:3000/sms?x=1' };
    expect(await errorCodeOf(twilio({ secret: token }).receive(proxied))).toBe('signature_mismatch');
    await accepts(proxied, { secret: token, publicUrl: 'https://hooks.example.com/app' });
    expect(() => twilio({ secret: token, publicUrl: 'hooks.example.com' })).toThrow(/publicUrl/);
  });
});

describe('twilio receiver: rejections', () => {
  const url = 'https://hooks.example.com/twilio';
  const params = { MessageSid: 'SM1', SmsStatus: 'received', Body: 'hi' };

  it('rejects a changed URL (it is signed), revealing no expected signature', async () => {
    const request = signTwilioRequest({ secret: token, url, params });
    const moved = { ...request, url: `${url}?extra=1` };
    expect(await errorCodeOf(twilio({ secret: token }).receive(moved))).toBe('signature_mismatch');
    const response = await twilio({ secret: 'other token' }).handle(request);
    expect(String(response.body)).not.toContain(
      hmacBase64('sha1', 'other token', `${url}BodyhiMessageSidSM1SmsStatusreceived`),
    );
  });

  it('takes a short signature for a mismatch, refuses a body the signature cannot cover, and a malformed JSON body', async () => {
    const short = signTwilioRequest({ secret: token, url, params });
    const headers = { ...short.headers, 'x-twilio-signature': 'AAAA' };
    expect(await errorCodeOf(twilio({ secret: token }).receive({ ...short, headers }))).toBe(
      'signature_mismatch',
    );
    const request = signTwilioRequest({ secret: token, url, params });
    const asJson = {
      ...request,
      headers: { ...request.headers, 'content-type': 'application/json' },
      body: Buffer.from('{"Body":"evil"}'),
    };
    expect(await errorCodeOf(twilio({ secret: token }).receive(asJson))).toBe('unsupported_content_type');
    const body = '{"a":';
    const signedUrl = `${url}?bodySHA256=${createHash('sha256').update(body).digest('hex')}`;
    const malformed = createWebhookRequest({
      url: signedUrl,
      body,
      headers: {
        'content-type': 'application/json',
        'x-twilio-signature': hmacBase64('sha1', token, signedUrl),
      },
    });
    expect(await errorCodeOf(twilio({ secret: token }).receive(malformed))).toBe('malformed_body');
  });

  it('rejects an unsupported algorithm and needs a secret or sharedKey', async () => {
    const request = signTwilioRequest({ secret: token, url, params, algorithm: 'HMAC_SHA256' });
    const headers = {
      ...request.headers,
      'x-twilio-webhooks-signature-settings': 'key=k,algorithm=HMAC_MD5',
    };
    const error = await webhookErrorOf(
      twilio({ secret: token, sharedKey: token }).receive({ ...request, headers }),
    );
    expect(error.code).toBe('malformed_header');
    expect(() => twilio({})).toThrow(/secret/);
  });
});
