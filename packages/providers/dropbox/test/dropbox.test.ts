import { createWebhookRequest, hmacHex } from '@hookwire/core';
import { webhookErrorOf } from '@hookwire/core/testing';
import { dropbox } from '@hookwire/dropbox';
import { createDropboxChallengeRequest, signDropboxRequest } from '@hookwire/dropbox/testing';
import { describe, expect, it } from 'vitest';

const secret = 'dropbox-app-secret-123';
const payload = {
  list_folder: { accounts: ['dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc'] },
  delta: { users: [12345678] },
};

describe('dropbox receiver', () => {
  it('accepts the signature of a third-party Dropbox plugin test (secret the_secret)', async () => {
    // hapi-dropbox-webhooks' fixture: a delta-only body signed with HMAC-SHA256 in hex.
    const request = createWebhookRequest({
      body: '{"delta": {"users": [12345]}}',
      headers: { 'x-dropbox-signature': '0a8c16b085420b960dc78664279fe09e936a2a01b1f91064869d9e77dfd64529' },
    });
    const result = await dropbox({ secret: 'the_secret' }).receive(request);
    expect(result.type === 'event' && result.event.name).toBe('delta');
  });

  it('names a notification list_folder and passes the payload through', async () => {
    const result = await dropbox({ secret }).receive(signDropboxRequest({ secret, payload }));
    expect(result.type).toBe('event');
    if (result.type !== 'event') return;
    expect(result.event.provider).toBe('dropbox');
    expect(result.event.name).toBe('list_folder');
    expect(result.event.id).toBeUndefined();
    expect(result.event.payload).toEqual(payload);
    expect(result.events).toHaveLength(1);
  });

  it('rejects a tampered body', async () => {
    const request = signDropboxRequest({ secret, payload });
    const tampered = {
      ...request,
      body: Buffer.from(JSON.stringify({ list_folder: { accounts: ['dbid:x'] } })),
    };
    const error = await webhookErrorOf(dropbox({ secret }).receive(tampered));
    expect(error.code).toBe('signature_mismatch');
    expect(error.status).toBe(401);
  });

  it('rejects the wrong secret and never echoes the secret or the expected signature', async () => {
    const request = signDropboxRequest({ secret: 'another-app-secret', payload });
    const response = await dropbox({ secret }).handle(request);
    expect(response.status).toBe(401);
    const body = String(response.body);
    expect(JSON.parse(body).error.code).toBe('signature_mismatch');
    expect(body).not.toContain(hmacHex('sha256', secret, request.body));
    expect(body).not.toContain(secret);
  });

  it('accepts any secret of a rotation', async () => {
    const receiver = dropbox({ secret: ['old-app-secret-1', secret] });
    expect((await receiver.receive(signDropboxRequest({ secret: 'old-app-secret-1', payload }))).type).toBe(
      'event',
    );
    expect((await receiver.receive(signDropboxRequest({ secret, payload }))).type).toBe('event');
  });

  it('requires the signature header', async () => {
    const request = signDropboxRequest({ secret, payload });
    const { 'x-dropbox-signature': _, ...headers } = request.headers;
    const error = await webhookErrorOf(dropbox({ secret }).receive({ ...request, headers }));
    expect(error.code).toBe('missing_header');
    expect(error.message).toContain('X-Dropbox-Signature');
  });

  it('rejects a duplicated signature header', async () => {
    const request = signDropboxRequest({ secret, payload });
    const signature = request.headers['x-dropbox-signature'] as string;
    const headers = { ...request.headers, 'x-dropbox-signature': [signature, signature] };
    expect((await webhookErrorOf(dropbox({ secret }).receive({ ...request, headers }))).code).toBe(
      'duplicate_header',
    );
  });

  it('rejects a malformed signature', async () => {
    const request = signDropboxRequest({ secret, payload });
    for (const value of ['not hex', 'sha256=abcd', 'abc']) {
      const headers = { ...request.headers, 'x-dropbox-signature': value };
      expect((await webhookErrorOf(dropbox({ secret }).receive({ ...request, headers }))).code).toBe(
        'malformed_signature',
      );
    }
    // Hex of the wrong length decodes, but cannot match.
    const short = { ...request.headers, 'x-dropbox-signature': 'abcd' };
    expect((await webhookErrorOf(dropbox({ secret }).receive({ ...request, headers: short }))).code).toBe(
      'signature_mismatch',
    );
  });

  it('reports bodies that are not a JSON object, after verifying them', async () => {
    for (const body of ['{"list_folder":', '[1,2]', '"x"', '{}']) {
      const error = await webhookErrorOf(dropbox({ secret }).receive(signDropboxRequest({ secret, body })));
      expect(error.code).toBe('malformed_body');
    }
  });

  it('answers the challenge GET with the value as nosniff plain text, without a signature', async () => {
    const response = await dropbox({ secret }).handle(createDropboxChallengeRequest('abc123<script>'));
    expect(response.status).toBe(200);
    expect(response.body).toBe('abc123<script>');
    expect(response.headers?.['content-type']).toMatch(/^text\/plain/);
    expect(response.headers?.['x-content-type-options']).toBe('nosniff');
  });

  it('answers a GET without a challenge, and other methods, with 405', async () => {
    const receiver = dropbox({ secret });
    const get = await receiver.handle(
      createWebhookRequest({ method: 'GET', url: 'https://example.com/hook' }),
    );
    expect(get.status).toBe(405);
    const put = await receiver.handle({ ...signDropboxRequest({ secret, payload }), method: 'PUT' });
    expect(put.status).toBe(405);
  });

  it('does not treat a POST with a challenge parameter as the handshake', async () => {
    const request = createWebhookRequest({ url: 'https://example.com/hook?challenge=x', body: '{}' });
    expect((await webhookErrorOf(dropbox({ secret }).receive(request))).code).toBe('missing_header');
  });

  it('runs list_folder handlers and answers 200', async () => {
    const receiver = dropbox({ secret });
    const seen: string[][] = [];
    receiver.on('list_folder', (event) => {
      seen.push(event.payload.list_folder?.accounts ?? []);
    });
    const response = await receiver.handle(signDropboxRequest({ secret, payload }));
    expect(response.status).toBe(200);
    expect(seen).toEqual([payload.list_folder.accounts]);
  });

  it('refuses a missing or padded secret at construction', () => {
    expect(() => dropbox({} as never)).toThrow(/secret/);
    expect(() => dropbox({ secret: ' padded ' })).toThrow(/whitespace/);
  });
});
