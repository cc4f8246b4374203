import { createWebhookRequest, defineSignedProvider, hmacHex, jsonEventParser, record } from '@hookwire/core';
import { webhookErrorOf } from '@hookwire/core/testing';
import { describe, expect, it } from 'vitest';

const body = JSON.stringify({
  event: { type: 'charge:confirmed', id: 'e1' },
  attempt: 2,
  model: { id: 'm' },
});

describe('jsonEventParser', () => {
  it('reads the name and id at dotted paths, and meta from the body and the request', () => {
    const parse = jsonEventParser('Acme', {
      name: 'event.type',
      id: 'event.id',
      meta: (fields, request) => ({
        attempt: fields.attempt,
        model: record(fields.model).id,
        url: request.url,
      }),
    });
    const request = createWebhookRequest({ body, url: 'https://h.example/w' });
    expect(parse(request)).toEqual({
      name: 'charge:confirmed',
      id: 'e1',
      payload: JSON.parse(body),
      meta: { attempt: 2, model: 'm', url: 'https://h.example/w' },
    });
  });

  it('takes an optional id from the body or a header', () => {
    const request = createWebhookRequest({ body, headers: { 'x-event-id': 'h1' } });
    expect(
      jsonEventParser('Acme', { name: 'event.type', id: { optional: 'nope' } })(request).id,
    ).toBeUndefined();
    expect(jsonEventParser('Acme', { name: 'event.type', id: { header: 'X-Event-Id' } })(request).id).toBe(
      'h1',
    );
  });

  it('refuses a body without the name or a required id, naming the path', async () => {
    const request = createWebhookRequest({ body: '{"event":{}}' });
    const error = await webhookErrorOf(() => jsonEventParser('Acme', { name: 'event.type' })(request));
    expect(error.code).toBe('malformed_body');
    expect(error.message).toContain('event.type');
    const noId = createWebhookRequest({ body });
    const missingId = await webhookErrorOf(() =>
      jsonEventParser('Acme', { name: 'event.type', id: 'id' })(noId),
    );
    expect(missingId.message).toContain('`id`');
  });
});

describe('defineSignedProvider with an event spec', () => {
  const acme = defineSignedProvider({
    name: 'acme',
    title: 'Acme',
    signature: { header: 'X-Acme-Signature', algorithm: 'sha256', encoding: 'hex' },
    hint: 'Set a secret on the Acme webhook.',
    event: { name: 'event.type', id: 'event.id' },
  });

  it('verifies, then reads the event', async () => {
    const signature = hmacHex('sha256', 'secret', body);
    const request = createWebhookRequest({ body, headers: { 'x-acme-signature': signature } });
    const result = await acme({ secret: 'secret' }).receive(request);
    expect(result.type === 'event' && [result.event.name, result.event.id]).toEqual([
      'charge:confirmed',
      'e1',
    ]);
  });

  it('puts the hint in the missing-header message', async () => {
    const error = await webhookErrorOf(acme({ secret: 'secret' }).receive(createWebhookRequest({ body })));
    expect(error.code).toBe('missing_header');
    expect(error.message).toContain('Set a secret on the Acme webhook.');
  });
});
