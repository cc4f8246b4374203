import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPortalTokens } from '../src/index.js';
import {
  apiCall,
  expectAccessible,
  OPERATOR_TOKEN,
  type Stack,
  screenshot,
  screenshotFailuresThenClose,
  signIn,
  startStack,
  watchErrors,
} from './browser-harness.js';

const PORTAL_SECRET = 'portal-test-secret-0123456789abcdef';

describe('subscriber portal in Chromium', { timeout: 60_000 }, () => {
  let stack: Stack;
  let page: Page;
  let errors: string[];
  const ids = { acme: '', globex: '' };

  beforeAll(async () => {
    stack = await startStack({
      HOOKWIRE_PORTAL_SECRET: PORTAL_SECRET,
      HOOKWIRE_PORTAL_NAME: 'Acme Cloud webhooks',
      HOOKWIRE_PORTAL_ACCENT_COLOR: '#6b21a8',
      HOOKWIRE_PORTAL_FRAME_ANCESTORS: 'https://app.example.com',
    });
    await apiCall(stack, OPERATOR_TOKEN, 'POST', '/api/event-types', {
      name: 'invoice.paid',
      description: 'An invoice was paid in full.',
      example: { invoiceId: 'in_1', total: 150 },
    });
    for (const [tenant, token] of [
      ['acme', 'acme-token'],
      ['globex', 'globex-token'],
    ] as const) {
      const created = await apiCall<{ id: string }>(stack, token, 'POST', '/api/subscriptions', {
        url: `${stack.receiver.url}?tenant=${tenant}`,
        events: ['invoice.paid'],
        description: `${tenant} billing`,
      });
      expect(created.status).toBe(201);
      ids[tenant] = created.body.id;
      await apiCall(stack, token, 'POST', '/api/events', {
        type: 'invoice.paid',
        data: { total: 10, tenant },
      });
    }
    page = await stack.context.newPage();
    errors = watchErrors(page);
  }, 60_000);

  screenshotFailuresThenClose(() => ({ stack, page }));

  it('serves the pages with a strict CSP, the portal with its frame ancestors, assets cached for good', async () => {
    const console = await fetch(`${stack.base}/dashboard/`);
    const csp = console.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    const portal = await fetch(`${stack.base}/portal/`);
    expect(portal.headers.get('content-security-policy')).toContain(
      'frame-ancestors https://app.example.com',
    );
    const html = await portal.text();
    const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${stack.base}/portal/${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });

  it('the operator makes a link for tenant acme; it shows acme’s subscriptions and deliveries only', async () => {
    await signIn(page, stack);
    await page.getByLabel('Tenant').fill('acme');
    await page.getByRole('button', { name: 'Create portal link' }).click();
    const url = await page.locator('.portal-url').textContent();
    expect(url).toMatch(/\/portal\/#token=hwp_/);

    await page.goto(url!);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    // The token left the address bar once read.
    expect(page.url()).not.toContain('hwp_');
    await expect(page.locator('.brand').textContent()).resolves.toBe('Acme Cloud webhooks');
    const accent = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--accent'),
    );
    expect(accent.trim()).toBe('#6b21a8');
    expect(await page.getByRole('link', { name: 'Inbox' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Create portal link' }).count()).toBe(0);
    await expectAccessible(page, 'portal overview');

    await page.getByRole('link', { name: 'Subscriptions', exact: true }).click();
    await page.getByRole('link', { name: `${stack.receiver.url}?tenant=acme` }).waitFor();
    expect(await page.getByText('tenant=globex').count()).toBe(0);
    await expectAccessible(page, 'portal subscriptions');
    await page.getByRole('link', { name: 'Deliveries', exact: true }).click();
    await page.getByRole('cell', { name: 'succeeded' }).first().waitFor();
    const rows = await page.getByRole('row').count();
    expect(rows).toBe(2); // the header and acme's one delivery
    await page.getByRole('link', { name: 'Event types' }).click();
    await page.getByRole('heading', { level: 2, name: 'invoice.paid' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Add an event type' }).count()).toBe(0);
    await expectAccessible(page, 'portal event types');

    // The page reaches another tenant's resource only by its id, and gets 404.
    await page.goto(`${url}`);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.evaluate((id) => {
      location.hash = `#/subscriptions/${id}`;
    }, ids.globex);
    await page.getByRole('alert').filter({ hasText: '404' }).waitFor();
    await page.evaluate((id) => {
      location.hash = `#/subscriptions/${id}`;
    }, ids.acme);
    await page.getByRole('heading', { level: 1, name: /Subscription/ }).waitFor();
    await page.getByText('acme billing').waitFor();
    await screenshot(page, 'portal-acme-subscription');
  });

  it('a portal token reaches one tenant, never publishes, never reaches the inbox or portal links', async () => {
    const link = await apiCall<{ url: string; expiresAt: string }>(
      stack,
      OPERATOR_TOKEN,
      'POST',
      '/api/portal-links',
      {
        tenant: 'acme',
        expiresIn: 120,
      },
    );
    expect(link.status).toBe(201);
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);
    const token = link.body.url.split('#token=')[1]!;
    const list = await apiCall<{ items: { id: string }[] }>(stack, token, 'GET', '/api/subscriptions');
    expect(list.body.items.map((s) => s.id)).toEqual([ids.acme]);
    expect((await apiCall(stack, token, 'GET', `/api/subscriptions/${ids.globex}`)).status).toBe(404);
    expect((await apiCall(stack, token, 'GET', `/api/subscriptions?tenant=globex`)).status).toBe(400);
    expect(
      (await apiCall(stack, token, 'POST', '/api/events', { type: 'invoice.paid', data: {} })).status,
    ).toBe(401);
    expect((await apiCall(stack, token, 'GET', '/api/inbox/events')).status).toBe(401);
    expect((await apiCall(stack, token, 'POST', '/api/portal-links', { tenant: 'globex' })).status).toBe(401);
    expect((await apiCall(stack, 'acme-token', 'POST', '/api/portal-links', { tenant: 'acme' })).status).toBe(
      403,
    );
    expect((await apiCall(stack, OPERATOR_TOKEN, 'POST', '/api/portal-links', { tenant: '' })).status).toBe(
      400,
    );
  });

  it('a tampered or expired link opens the sign-in page, not an error', async () => {
    const link = await apiCall<{ url: string }>(stack, OPERATOR_TOKEN, 'POST', '/api/portal-links', {
      tenant: 'acme',
    });
    const [base, token] = link.body.url.split('#token=') as [string, string];
    // Claims of another tenant under the original signature.
    const [claims, signature] = token.slice(4).split('.') as [string, string];
    const forged = JSON.parse(Buffer.from(claims, 'base64url').toString());
    forged.t = 'globex';
    const tampered = `hwp_${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    const fresh = await stack.context.newPage();
    await fresh.goto(`${base}#token=${tampered}`);
    await fresh.getByLabel('Token').waitFor();
    await fresh.getByText('This portal link has expired or is not valid.').waitFor();
    expect(await fresh.getByText('globex').count()).toBe(0);
    await expectAccessible(fresh, 'portal sign-in');
    await screenshot(fresh, 'portal-tampered-link');

    const expired = createPortalTokens({ secret: PORTAL_SECRET, now: () => Date.now() - 3_600_000 }).issue(
      'acme',
      60,
    );
    await fresh.goto('about:blank');
    await fresh.goto(`${base}#token=${expired.token}`);
    await fresh.getByText('This portal link has expired or is not valid.').waitFor();
    await fresh.close();
    expect(errors.filter((e) => !/401|Failed to load resource/.test(e))).toEqual([]);
  });
});
