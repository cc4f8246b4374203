import { createHmac } from 'node:crypto';
import { createHmacSignedRequest } from '@hookwire/core';
import { describe, expect, it } from 'vitest';

describe('createHmacSignedRequest', () => {
  it('serialises the payload and signs it with hex HMAC-SHA256 by default', () => {
    const request = createHmacSignedRequest({ secret: 's' }, { header: 'X-Sig', payload: { a: 1 } });
    expect(Buffer.from(request.body).toString()).toBe('{"a":1}');
    expect(request.headers['x-sig']).toBe(createHmac('sha256', 's').update('{"a":1}').digest('hex'));
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.method).toBe('POST');
  });

  it('signs the exact body when one is given, with the algorithm, encoding and prefix asked for', () => {
    const request = createHmacSignedRequest(
      { secret: 's', body: 'raw', url: 'https://hooks.example.com/x' },
      {
        header: 'x-sig',
        algorithm: 'sha1',
        encoding: 'base64',
        prefix: 'sha1=',
        payload: { ignored: true },
        headers: { 'content-type': 'text/plain', 'x-extra': 'e' },
      },
    );
    expect(Buffer.from(request.body).toString()).toBe('raw');
    expect(request.url).toBe('https://hooks.example.com/x');
    expect(request.headers).toMatchObject({ 'content-type': 'text/plain', 'x-extra': 'e' });
    expect(request.headers['x-sig']).toBe(`sha1=${createHmac('sha1', 's').update('raw').digest('base64')}`);
  });
});
