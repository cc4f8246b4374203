import { createHmac } from 'node:crypto';
import { hmacHex } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, signerWith } from '@hookwire/core/testing';
import { typeform } from '@hookwire/typeform';
import { signTypeformRequest } from '@hookwire/typeform/testing';
import { describe, expect, it } from 'vitest';

const secret = 'abc123';
const body = JSON.stringify({
  event_id: '01H8ZJ6QX2',
  event_type: 'form_response',
  form_response: {
    form_id: 'lT4Z3j',
    token: 'a3a12ec67a1365927098a606107fac15',
    answers: [{ type: 'text', text: 'Lorem ipsum — ✓', field: { id: 'JwWggjAKtOkA', type: 'short_text' } }],
  },
});
const signed = signerWith(signTypeformRequest, { secret, body });

describeReceiver({
  provider: 'typeform',
  create: typeform,
  sign: ({ secret, body }) => signed({ secret, body }),
  event: { name: 'form_response', id: '01H8ZJ6QX2' },
  signatureHeaders: ['Typeform-Signature'],
  malformedSignature: { value: 'sha256=***' },
  deliveryId: true,
  malformedBodies: ['{', '{"event_id":"x"}', '{"event_type":"form_response"}'],
});

describe('typeform receiver', () => {
  it('accepts sha256=<base64 HMAC-SHA256 of the raw body> and names the event by event_type', async () => {
    const request = signed();
    const expected = `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;
    expect(request.headers['typeform-signature']).toBe(expected);
    const event = await eventOf(typeform({ secret }).receive(request));
    expect(event.name).toBe('form_response');
    expect(event.id).toBe('01H8ZJ6QX2');
    expect(event.meta).toEqual({ formId: 'lT4Z3j' });
    expect(event.payload).toEqual(JSON.parse(body));
  });

  it('rejects a hex digest (Typeform sends base64)', async () => {
    const request = signed();
    const headers = { ...request.headers, 'typeform-signature': `sha256=${hmacHex('sha256', secret, body)}` };
    // Hex digits are base64 characters too: the hex text decodes (to 48 bytes) and does not match.
    expect(await errorCodeOf(typeform({ secret }).receive({ ...request, headers }))).toBe(
      'signature_mismatch',
    );
  });

  it('requires the sha256= prefix', async () => {
    const request = signed();
    const unprefixed = (request.headers['typeform-signature'] as string).slice(7);
    const headers = { ...request.headers, 'typeform-signature': unprefixed };
    expect(await errorCodeOf(typeform({ secret }).receive({ ...request, headers }))).toBe(
      'malformed_signature',
    );
  });

  it('signs requests for handler tests', async () => {
    const receiver = typeform({ secret });
    const tokens: string[] = [];
    receiver.on('form_response', (event) => {
      tokens.push(event.payload.form_response.token);
    });
    const request = signTypeformRequest({ secret, formResponse: { token: 't1' } });
    expect((await receiver.handle(request)).status).toBe(200);
    expect(tokens).toEqual(['t1']);
  });
});
