import { createCodeRequest } from '@hookwire/core';
import { describe, expect, it } from 'vitest';

describe('createCodeRequest', () => {
  it('puts the code and other query parameters on the default URL and the payload as JSON', () => {
    const request = createCodeRequest(
      { code: 'c'.repeat(32) },
      { path: 'kudu', payload: { status: 'success' }, query: { action: 'deploy', skipped: undefined } },
    );
    expect(request.url).toBe(`https://example.com/webhooks/kudu?code=${'c'.repeat(32)}&action=deploy`);
    expect(Buffer.from(request.body).toString()).toBe('{"status":"success"}');
    expect(request.headers['content-type']).toBe('application/json');
  });

  it('sends a string payload as is, prefers the exact body, and leaves out an undefined code', () => {
    const form = createCodeRequest(
      { url: 'https://hooks.example.com/wp' },
      { path: 'wordpress', payload: 'hook=publish_post', headers: { 'content-type': 'text/plain' } },
    );
    expect(form.url).toBe('https://hooks.example.com/wp');
    expect(Buffer.from(form.body).toString()).toBe('hook=publish_post');
    expect(form.headers['content-type']).toBe('text/plain');
    const exact = createCodeRequest({ code: 'x', body: '[1]' }, { path: 'p', payload: { ignored: true } });
    expect(Buffer.from(exact.body).toString()).toBe('[1]');
  });
});
