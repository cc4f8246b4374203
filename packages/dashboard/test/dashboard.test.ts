import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWebhookRequest, type WebhookRequest } from '@hookwire/core';
import { describe, expect, it } from 'vitest';
import { createPortalTokens, dashboard, portalOptionsFromEnv, withPortalTokens } from '../src/index.js';

function builtApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hookwire-dashboard-app-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><title>x</title><script type="module" src="./assets/app-1.js"></script></head><body></body></html>',
  );
  writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not an asset');
  return dir;
}

const get = (url: string): WebhookRequest => ({ method: 'GET', url, headers: {}, body: new Uint8Array() });
const post = (url: string, body: unknown, token?: string): WebhookRequest =>
  createWebhookRequest({
    method: 'POST',
    url,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
const json = (body: unknown) => JSON.parse(String(body));

const operatorAuth = (request: WebhookRequest) => {
  const header = request.headers.authorization;
  if (header === 'Bearer op') return { tenant: 'operator', operator: true };
  if (header === 'Bearer acme') return 'acme';
  return undefined;
};

describe('dashboard handler', () => {
  const tokens = createPortalTokens({ secret: 'unit-test-portal-secret-123' });
  const handler = dashboard({
    authenticate: operatorAuth,
    inbox: true,
    assetsDir: builtApp(),
    portal: {
      tokens,
      name: 'Acme <Hooks>',
      colors: { accent: '#123456' },
      frameAncestors: ['https://app.example.com'],
    },
  });

  it('serves the console page with its configuration, a strict CSP and no caching', async () => {
    expect(handler.paths).toEqual(['/dashboard', '/portal', '/api/portal-links']);
    const redirect = await handler.handle(get('http://h/dashboard?x=1'));
    expect(redirect).toMatchObject({ status: 308, headers: { location: '/dashboard/?x=1' } });
    const page = await handler.handle(get('http://h/dashboard/'));
    expect(page.status).toBe(200);
    expect(page.headers).toMatchObject({ 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
    expect(page.headers?.['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    const html = String(page.body);
    expect(html).toContain('<title>Hookwire console</title>');
    expect(html).toContain('&quot;mode&quot;:&quot;console&quot;');
    expect(html).toContain('&quot;inbox&quot;:true');
  });

  it('serves the portal themed, escaped, and framable by the configured ancestors only', async () => {
    const page = await handler.handle(get('http://h/portal/'));
    expect(page.headers?.['content-security-policy']).toContain('frame-ancestors https://app.example.com');
    expect(page.headers?.['x-frame-options']).toBeUndefined();
    const html = String(page.body);
    expect(html).toContain('<title>Acme &lt;Hooks&gt;</title>');
    expect(html).toContain('&quot;accent&quot;:&quot;#123456&quot;');
    expect(html).not.toContain('<Hooks>');
  });

  it('serves hashed assets for a year, and nothing outside assets/', async () => {
    const asset = await handler.handle(get('http://h/dashboard/assets/app-1.js'));
    expect(asset).toMatchObject({
      status: 200,
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=31536000, immutable',
      },
    });
    for (const path of [
      '/dashboard/assets/../secret.txt',
      '/dashboard/assets/%2e%2e%2fsecret.txt',
      '/dashboard/secret.txt',
      '/portal/assets/missing.js',
    ]) {
      expect((await handler.handle(get(`http://h${path}`))).status, path).toBe(404);
    }
    expect((await handler.handle(post('http://h/dashboard/', {}))).status).toBe(405);
  });

  it('answers 503 with the build command when the app is not built', async () => {
    const unbuilt = dashboard({
      authenticate: operatorAuth,
      assetsDir: join(tmpdir(), 'no-such-hookwire-app'),
    });
    const page = await unbuilt.handle(get('http://h/dashboard/'));
    expect(page.status).toBe(503);
    expect(json(page.body).error.message).toContain('pnpm --filter @hookwire/dashboard build');
  });

  it('creates portal links for the operator only, with checked input', async () => {
    const created = await handler.handle(
      post('http://h.example/api/portal-links', { tenant: 'acme', expiresIn: 600 }, 'op'),
    );
    expect(created.status).toBe(201);
    const { url, expiresAt } = json(created.body);
    expect(url).toMatch(/^http:\/\/h\.example\/portal\/#token=hwp_/);
    const claims = tokens.verify(url.split('#token=')[1]);
    expect(claims?.tenant).toBe('acme');
    expect(new Date(claims!.expiresAt).toISOString()).toBe(expiresAt);
    expect((await handler.handle(post('http://h/api/portal-links', { tenant: 'acme' }))).status).toBe(401);
    expect((await handler.handle(post('http://h/api/portal-links', { tenant: 'acme' }, 'acme'))).status).toBe(
      403,
    );
    const bad = async (body: unknown) =>
      json((await handler.handle(post('http://h/api/portal-links', body, 'op'))).body).error;
    expect(await bad({})).toMatchObject({ field: 'tenant' });
    expect(await bad({ tenant: 'a', expiresIn: 0 })).toMatchObject({ field: 'expiresIn' });
    expect(await bad({ tenant: 'a', expiresIn: 1.5 })).toMatchObject({ field: 'expiresIn' });
    expect(await bad({ tenant: 'a', extra: 1 })).toMatchObject({ field: 'extra' });
    expect(await bad('not json')).toMatchObject({ field: 'body' });
    expect((await handler.handle(get('http://h/api/portal-links'))).status).toBe(405);
  });
});

describe('portal tokens', () => {
  it('verify their own unexpired tokens and nothing else', () => {
    let now = 1_000_000;
    const tokens = createPortalTokens({ secret: 'unit-test-portal-secret-123', now: () => now });
    const { token, expiresAt } = tokens.issue('acme', 60);
    expect(expiresAt).toBe(1_060_000);
    expect(tokens.verify(token)).toEqual({ tenant: 'acme', expiresAt: 1_060_000 });
    const other = createPortalTokens({ secret: 'another-portal-secret-4567', now: () => now });
    expect(other.verify(token)).toBeUndefined();
    const [claims, signature] = token.slice(4).split('.') as [string, string];
    const forged = Buffer.from(
      Buffer.from(claims, 'base64url').toString().replace('"acme"', '"globex"'),
    ).toString('base64url');
    expect(tokens.verify(`hwp_${forged}.${signature}`)).toBeUndefined();
    expect(tokens.verify(`hwp_${claims}.${signature}x`)).toBeUndefined();
    expect(tokens.verify(`${token}.more`)).toBeUndefined();
    expect(tokens.verify('whsec_abc')).toBeUndefined();
    now = 1_060_000;
    expect(tokens.verify(token)).toBeUndefined();
  });

  it('refuse a short secret and out-of-range expiries with a clear message', () => {
    expect(() => createPortalTokens({ secret: 'short' })).toThrow(/16 characters at least/);
    const tokens = createPortalTokens();
    expect(() => tokens.issue('acme', 0)).toThrow(/expiresIn/);
    expect(() => tokens.issue('acme', 31 * 24 * 3600)).toThrow(/30 days/);
    expect(() => tokens.issue('')).toThrow(/tenant/);
  });

  it('act as their tenant through withPortalTokens, never as the operator, and never publish', () => {
    const tokens = createPortalTokens();
    const authenticate = withPortalTokens(operatorAuth, tokens);
    const { token } = tokens.issue('acme');
    const request = (method: string, path: string, bearer: string) =>
      createWebhookRequest({
        method,
        url: `http://h${path}`,
        headers: { authorization: `Bearer ${bearer}` },
      });
    expect(authenticate(request('GET', '/api/subscriptions', token))).toBe('acme');
    expect(authenticate(request('POST', '/api/subscriptions/sub_1/rotate-secret', token))).toBe('acme');
    expect(authenticate(request('POST', '/api/events', token))).toBeUndefined();
    expect(authenticate(request('GET', '/api/subscriptions', `${token}x`))).toBeUndefined();
    expect(authenticate(request('GET', '/api/subscriptions', 'op'))).toEqual({
      tenant: 'operator',
      operator: true,
    });
  });

  it('are configured from the environment, checked at start', () => {
    const options = portalOptionsFromEnv({
      HOOKWIRE_PORTAL_SECRET: 'env-portal-secret-0123456789',
      HOOKWIRE_PORTAL_NAME: 'Acme',
      HOOKWIRE_PORTAL_ACCENT_COLOR: '#6b21a8',
      HOOKWIRE_PORTAL_FRAME_ANCESTORS: 'https://a.example, https://b.example',
    });
    expect(options).toMatchObject({
      name: 'Acme',
      colors: { accent: '#6b21a8' },
      frameAncestors: ['https://a.example', 'https://b.example'],
    });
    const again = createPortalTokens({ secret: 'env-portal-secret-0123456789' });
    expect(again.verify(options.tokens.issue('acme').token)?.tenant).toBe('acme');
    expect(() =>
      dashboard({
        authenticate: operatorAuth,
        portal: { ...options, colors: { accent: 'red; background: url(x)' } },
      }),
    ).toThrow(/Portal colour "accent" must be a CSS colour/);
    expect(() =>
      dashboard({ authenticate: operatorAuth, portal: { ...options, logoUrl: 'javascript:alert(1)' } }),
    ).toThrow(/logoUrl must start with/);
  });
});
