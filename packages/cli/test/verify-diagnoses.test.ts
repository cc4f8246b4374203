import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WebhookRequest } from '@hookwire/core';
import { signGitHubRequest } from '@hookwire/github/testing';
import { signStandardWebhookRequest } from '@hookwire/standard-webhooks/testing';
import { signStripeRequest } from '@hookwire/stripe/testing';
import { signTwilioRequest } from '@hookwire/twilio/testing';
import { describe, expect, it } from 'vitest';
import { headerPairs } from '../src/http/send.js';
import { cli, tempDir } from './helpers.js';

const dir = tempDir('hookwire-verify-');
let files = 0;

/** Writes a request as raw HTTP/1.1, the way a capture tool shows it. */
function rawHttp(request: WebhookRequest, extraHeaders: [string, string][] = []): string {
  const url = new URL(request.url);
  const head = [`${request.method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`];
  for (const [name, value] of [...headerPairs(request.headers), ...extraHeaders])
    head.push(`${name}: ${value}`);
  const file = join(dir, `request-${++files}.http`);
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), Buffer.from(request.body)]),
  );
  return file;
}

const payload = {
  action: 'opened',
  issue: { number: 1347, title: 'Found a bug' },
  repository: { full_name: 'octo-org/hello-world' },
};
const now = () => Math.floor(Date.now() / 1000);

describe('hookwire verify', () => {
  it('says "verified" with the event for a good request, as raw HTTP, curl and --json', async () => {
    const request = signGitHubRequest({
      secret: 's3cret',
      event: 'issues',
      payload,
      url: 'http://127.0.0.1:3030/hook',
    });
    const raw = await cli(['verify', 'github', '--secret', 's3cret', '--request', rawHttp(request)]);
    expect(raw).toMatchObject({ code: 0 });
    expect(raw.out).toContain('verified: github issues.opened');
    const headers = headerPairs(request.headers)
      .map(([n, v]) => `-H '${n}: ${v}'`)
      .join(' ');
    const curl = `curl -X POST http://127.0.0.1:3030/hook ${headers} --data-raw '${Buffer.from(request.body).toString()}'`;
    const viaCurl = await cli(['verify', 'github', '--secret', 's3cret', '--curl', curl, '--json']);
    expect(viaCurl.code).toBe(0);
    expect(JSON.parse(viaCurl.out)).toMatchObject({
      provider: 'github',
      verified: true,
      event: 'issues.opened',
    });
  });

  it('re-serialised JSON: the signature matches the same JSON written compactly', async () => {
    const signed = signGitHubRequest({ secret: 's3cret', event: 'issues', payload });
    const pretty = { ...signed, body: Buffer.from(JSON.stringify(payload, null, 2)) };
    const result = await cli(['verify', 'github', '--secret', 's3cret', '--request', rawHttp(pretty)]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('not verified: signature_mismatch');
    expect(result.out).toMatch(
      /the body was re-serialised: the signature matches the same JSON written compactly/,
    );
  });

  it('re-serialised JSON with its keys in another order', async () => {
    // The sender signed its JSON with sorted keys; a proxy re-wrote it in another order.
    const signed = signStripeRequest({
      secret: 'whsec_abc',
      body: '{"data":{"object":{"a":2,"b":1}},"id":"evt_1","type":"invoice.paid"}',
    });
    const reordered = {
      ...signed,
      body: Buffer.from('{"id":"evt_1","type":"invoice.paid","data":{"object":{"b":1,"a":2}}}'),
    };
    const result = await cli([
      'verify',
      'stripe',
      '--secret',
      'whsec_abc',
      '--request',
      rawHttp(reordered),
      '--json',
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out);
    expect(report.causes.map((c: { cause: string }) => c.cause)).toContain('body_reserialised');
  });

  it('a base64-decoded secret used raw: the sender signed with the decoded bytes', async () => {
    const configured = Buffer.from('the-real-signing-key').toString('base64');
    const request = signGitHubRequest({ secret: 'the-real-signing-key', event: 'issues', payload });
    const result = await cli(['verify', 'github', '--secret', configured, '--request', rawHttp(request)]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      'the secret is in the wrong encoding: the signature matches the base64-decoded secret',
    );
  });

  it('a whsec_ prefix stripped: the sender signed with the secret without it', async () => {
    const request = signStripeRequest({
      secret: 'abc123def456',
      payload: { id: 'evt_1', type: 'invoice.paid' },
    });
    const result = await cli([
      'verify',
      'stripe',
      '--secret',
      'whsec_abc123def456',
      '--request',
      rawHttp(request),
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('the signature matches the secret without its whsec_ prefix');
  });

  it("a Standard Webhooks secret's text used as the key instead of its decoded bytes", async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const asText = `whsec_${Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').toString('base64')}`;
    const request = signStandardWebhookRequest({
      secret: asText,
      payload: { type: 'invoice.paid', data: {} },
    });
    const result = await cli([
      'verify',
      'standard-webhooks',
      '--secret',
      secret,
      '--request',
      rawHttp(request),
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toContain("the secret's text used raw as the key");
  });

  it('a timestamp 10 minutes old: outside the tolerance by 300 s, the signature itself right', async () => {
    const request = signStripeRequest({
      secret: 'whsec_abc',
      payload: { id: 'evt_1', type: 'invoice.paid' },
      timestamp: now() - 600,
    });
    const result = await cli(['verify', 'stripe', '--secret', 'whsec_abc', '--request', rawHttp(request)]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('not verified: timestamp_too_old');
    expect(result.out).toMatch(
      /outside the tolerance by (29\d|30\d) s: it was signed (59\d|60\d) s ago and the receiver accepts 300 s/,
    );
  });

  it('a URL with a different host: the proxy forwarded the public host the provider signed', async () => {
    const request = signTwilioRequest({
      secret: 'tw-token',
      url: 'https://hooks.example.com/twilio/sms',
      params: { Body: 'hi', From: '+14155550100' },
    });
    const internal = { ...request, url: 'http://127.0.0.1:3030/twilio/sms' };
    const file = rawHttp(internal, [
      ['X-Forwarded-Host', 'hooks.example.com'],
      ['X-Forwarded-Proto', 'https'],
    ]);
    const result = await cli(['verify', 'twilio', '--secret', 'tw-token', '--request', file]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      'the signed URL differs: the signature matches https://hooks.example.com/twilio/sms',
    );
    const fixed = await cli([
      'verify',
      'twilio',
      '--secret',
      'tw-token',
      '--request',
      file,
      '--public-url',
      'https://hooks.example.com',
    ]);
    expect(fixed.code).toBe(0);
  });

  it('a URL with a trailing slash the provider did not sign', async () => {
    const request = signTwilioRequest({
      secret: 'tw-token',
      url: 'http://127.0.0.1:3030/twilio',
      params: { Body: 'hi' },
    });
    const result = await cli([
      'verify',
      'twilio',
      '--secret',
      'tw-token',
      '--request',
      rawHttp({ ...request, url: 'http://127.0.0.1:3030/twilio/' }),
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('(without the trailing slash)');
  });

  it('a missing header is named', async () => {
    const request = signGitHubRequest({ secret: 's3cret', event: 'issues', payload });
    const { 'x-hub-signature-256': _dropped, ...headers } = request.headers;
    const result = await cli([
      'verify',
      'github',
      '--secret',
      's3cret',
      '--request',
      rawHttp({ ...request, headers }),
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('not verified: missing_header');
    expect(result.out).toMatch(/a header the provider always sends is missing: .*X-Hub-Signature-256/i);
  });

  it('a duplicated header: which copy verifies', async () => {
    const request = signGitHubRequest({ secret: 's3cret', event: 'issues', payload });
    const file = rawHttp(request, [
      ['X-Hub-Signature-256', 'sha256=0000000000000000000000000000000000000000000000000000000000000000'],
    ]);
    const result = await cli(['verify', 'github', '--secret', 's3cret', '--request', file]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /the header x-hub-signature-256 was sent 2 times .*with only value #1 the request verifies/,
    );
  });

  it('usage errors exit 2 and say what to give', async () => {
    const none = await cli(['verify', 'github', '--secret', 's']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('--request');
    const unknown = await cli(['verify', 'nosuch', '--request', '-']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown provider "nosuch"');
    const unsuitable = await cli(['verify', 'airtable', '--secret', 'not base64!', '--request', '-'], {
      stdin: 'x',
    });
    expect(unsuitable.code).toBe(2);
    expect(unsuitable.err).toContain('--secret does not suit airtable');
    expect(unsuitable.err).not.toContain('not base64!');
    const garbage = await cli(['verify', 'github', '--request', '-'], { stdin: 'hello there' });
    expect(garbage.code).toBe(2);
    expect(garbage.err).toContain('HTTP/1.1 request line');
  });
});
