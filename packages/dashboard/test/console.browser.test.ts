import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  expectAccessible,
  OPERATOR_TOKEN,
  type Stack,
  screenshot,
  screenshotFailuresThenClose,
  sendGitHubPush,
  startStack,
  watchErrors,
} from './browser-harness.js';

const XSS = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

describe('operator console in Chromium', { timeout: 60_000 }, () => {
  let stack: Stack;
  let page: Page;
  let errors: string[];
  let subscriptionId = '';

  beforeAll(async () => {
    stack = await startStack();
    await apiCall(stack, OPERATOR_TOKEN, 'POST', '/api/event-types', {
      name: 'order.paid',
      description: 'An order was paid.',
      schema: { type: 'object', properties: { total: { type: 'number' }, note: { type: 'string' } } },
      example: { total: 150, note: 'example order' },
    });
    // The server republishes received GitHub pushes as github.push: with a catalogue, it must be in it.
    await apiCall(stack, OPERATOR_TOKEN, 'POST', '/api/event-types', { name: 'github.push' });
    page = await stack.context.newPage();
    errors = watchErrors(page);
  }, 60_000);

  screenshotFailuresThenClose(() => ({ stack, page }));

  const publish = (data: unknown) =>
    apiCall(stack, 'acme-token', 'POST', '/api/events', { type: 'order.paid', data }).then((answer) => {
      expect(answer.status).toBe(202);
      return answer.body as { id: string };
    });

  it('asks for a token, refuses a wrong one and signs in with the operator token', async () => {
    const response = await page.goto(`${stack.base}/dashboard`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.getByLabel('Token').isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'sign-in page');
    await page.getByLabel('Token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'refused' }).waitFor();
    await screenshot(page, 'console-sign-in-refused');
    await page.getByLabel('Token').fill(OPERATOR_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByText('No subscription is failing.').waitFor();
    await expectAccessible(page, 'overview');
    await screenshot(page, 'console-overview-empty');
  });

  it('creates a subscription from the catalogue; a published delivery appears without a reload', async () => {
    await page.getByRole('link', { name: 'Subscriptions', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Subscriptions' }).waitFor();
    await page.getByRole('link', { name: 'New subscription' }).click();
    await page.getByRole('heading', { level: 1, name: 'New subscription' }).waitFor();
    await page.getByLabel('Endpoint URL').fill(stack.receiver.url);
    await page.getByLabel('Tenant (optional)').fill('acme');
    await page.getByLabel('Description').fill('Orders of Acme');
    await page.getByRole('checkbox', { name: 'order.paid' }).check();
    await page.getByLabel('Extra headers').fill('X-Team: billing');
    await page.getByLabel('Payload filter (JSON)').fill('{ "total": { "$gte": 100 } ');
    await page.getByText('The filter is not valid JSON').waitFor();
    await page.getByLabel('Payload filter (JSON)').fill('{ "total": { "$gte": 100 } }');
    await page.getByText('The filter reads well').waitFor();
    await expectAccessible(page, 'new subscription form');
    await page.getByRole('button', { name: 'Create subscription' }).click();
    await page.getByRole('heading', { level: 1, name: /Subscription/ }).waitFor();
    await page.getByText('shown once').waitFor();
    subscriptionId = page.url().split('/subscriptions/')[1]!;
    expect(subscriptionId).toMatch(/^sub_/);

    await publish({ total: 150, note: 'first order' });
    // No reload: the deliveries table is refreshed by polling.
    await page.getByRole('cell', { name: 'succeeded' }).first().waitFor();
    expect(stack.receiver.received.at(-1)?.headers['x-team']).toBe('billing');
    await expectAccessible(page, 'subscription page');
    await screenshot(page, 'console-subscription-delivered');
  });

  it('shows a failed attempt with its response body, then a retry that succeeds', async () => {
    stack.receiver.failing = true;
    stack.receiver.failBody = `{"error":"orders database unavailable","echo":${JSON.stringify(XSS)}}`;
    await publish({ total: 300, note: XSS });
    await page.getByRole('link', { name: 'Deliveries', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Deliveries' }).waitFor();
    await page.getByLabel('Status').selectOption('pending');
    const row = page.getByRole('row').filter({ hasText: 'HTTP 500' });
    await row.first().waitFor();
    await row.first().getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /Delivery/ }).waitFor();
    await page.getByRole('heading', { name: /Attempt 1: failed HTTP 500/ }).waitFor();
    const body = page.getByLabel('Response body of attempt 1');
    await expect(body.textContent()).resolves.toContain('orders database unavailable');
    // Text from a stranger stays text: the markup is shown, nothing runs, no element is made.
    await expect(body.textContent()).resolves.toContain('<img src=x onerror=');
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await expectAccessible(page, 'delivery page');
    await screenshot(page, 'console-delivery-failed');

    stack.receiver.failing = false;
    await page.getByRole('button', { name: 'Retry now' }).click();
    await page.getByRole('heading', { name: /Attempt 2: succeeded HTTP 204/ }).waitFor();
    await page.locator('.facts').getByText('succeeded').waitFor();
    await screenshot(page, 'console-delivery-retried');
  });

  it('checks samples against the payload filter, rotates and reveals the secret with a confirmation', async () => {
    await page.goto(`${stack.base}/dashboard/#/subscriptions/${subscriptionId}`);
    await page.reload();
    // A new page load: the token was in memory only, so it asks again.
    await page.getByLabel('Token').fill(OPERATOR_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const sample = page.getByLabel('Sample event data (JSON): does it match?');
    await sample.waitFor();
    await page.getByText('Matches: this event would be delivered.').waitFor();
    await sample.fill('{ "total": 50 }');
    await page.getByText('Does not match: this event would be skipped.').waitFor();
    await sample.fill('{ "total": ');
    await page.getByText('The sample is not valid JSON').waitFor();
    await sample.fill('{ "total": 100 }');
    await page.getByText('Matches: this event would be delivered.').waitFor();

    const before = await apiCall<{ secret: string }>(
      stack,
      OPERATOR_TOKEN,
      'GET',
      `/api/subscriptions/${subscriptionId}/secret`,
    );
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByText('Issue a new signing secret?').waitFor();
    await page.getByRole('button', { name: 'Yes, rotate' }).click();
    const shown = await page.locator('.secret-value').textContent();
    const after = await apiCall<{ secret: string }>(
      stack,
      OPERATOR_TOKEN,
      'GET',
      `/api/subscriptions/${subscriptionId}/secret`,
    );
    expect(shown).toBe(after.body.secret);
    expect(shown).not.toBe(before.body.secret);
    await page.getByRole('button', { name: 'Hide secret' }).click();
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    await page.getByRole('button', { name: 'Yes, show it' }).click();
    await expect(page.locator('.secret-value').textContent()).resolves.toBe(after.body.secret);

    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('.facts').getByText('paused').waitFor();
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await screenshot(page, 'console-subscription-secret-and-filter');
  });

  it('shows received webhooks as they arrive; a failed handler is replayed once fixed', async () => {
    stack.handler.failing = true;
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await expect(
      sendGitHubPush(stack, { ref: 'refs/heads/main', head_commit: { message: XSS } }),
    ).resolves.toBe(200);
    const row = page.getByRole('row').filter({ hasText: 'github' });
    await row.first().waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: 'push' })
      .getByText(/pending|dead/)
      .first()
      .waitFor();
    await expectAccessible(page, 'inbox');
    await row.first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /Received webhook/ }).waitFor();
    await page.getByLabel('Error of attempt 1').waitFor();
    await expect(page.getByLabel('Error of attempt 1').textContent()).resolves.toContain('deploy queue full');
    await expect(page.getByLabel('Request body').textContent()).resolves.toContain('<script>window.__pwned');
    await expect(page.getByLabel('Request headers').textContent()).resolves.toContain('x-github-event: push');
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

    stack.handler.failing = false;
    await page.getByRole('button', { name: 'Replay' }).click();
    await page.getByText('Replayed: the handlers run again.').waitFor();
    await page.getByRole('heading', { name: /Attempt \d+ \(replay\): succeeded/ }).waitFor();
    // A replay runs the handlers once more; the stored event leaves `pending` by a retry.
    await page.getByRole('button', { name: 'Retry now' }).click();
    await page.locator('.facts').getByText('processed').waitFor();
    await expectAccessible(page, 'inbox event');
    await screenshot(page, 'console-inbox-replayed');
  });

  it('lists event types and subscriptions with search; every page passes axe', async () => {
    await page.getByRole('link', { name: 'Event types' }).click();
    await page.getByRole('heading', { level: 2, name: 'order.paid' }).waitFor();
    await expectAccessible(page, 'event types');
    await page.getByRole('link', { name: 'Subscriptions', exact: true }).click();
    await page.getByRole('link', { name: stack.receiver.url }).waitFor();
    await page.getByLabel('Search').fill('no-such-endpoint');
    await page.getByText('No subscription matches the search.').waitFor();
    await page.getByLabel('Search').fill('acme');
    await page.getByRole('link', { name: stack.receiver.url }).waitFor();
    await expectAccessible(page, 'subscriptions');
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByText('Deliveries by outcome, last hour').first().waitFor();
    await expectAccessible(page, 'overview with data');
    await screenshot(page, 'console-overview');
    expect(errors.filter((e) => !/401|Failed to load resource/.test(e))).toEqual([]);
  });

  it('edits a subscription, sends it an example event and deletes it after a confirmation', async () => {
    const created = await apiCall<{ id: string }>(stack, OPERATOR_TOKEN, 'POST', '/api/subscriptions', {
      url: `${stack.receiver.url}?second`,
      events: ['order.*'],
      tenant: 'globex',
    });
    await page.goto(`${stack.base}/dashboard/#/subscriptions/${created.body.id}/edit`);
    await page.reload();
    await page.getByLabel('Token').fill(OPERATOR_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit subscription' }).waitFor();
    // A filter not in the catalogue stays as typed text once the catalogue has loaded.
    await page.waitForFunction(
      () => (document.getElementById('sub-events') as HTMLInputElement | null)?.value === 'order.*',
    );
    await page.getByLabel('Description').fill('Globex orders');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Globex orders').waitFor();

    const before = stack.receiver.received.length;
    await page.getByRole('button', { name: 'Send example' }).click();
    await page.locator('.example-result').getByText('HTTP 204').waitFor();
    expect(stack.receiver.received.length).toBe(before + 1);
    expect(JSON.parse(stack.receiver.received.at(-1)!.body)).toMatchObject({
      type: 'order.paid',
      data: { total: 150 },
    });
    await screenshot(page, 'console-subscription-example');

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('heading', { level: 1, name: 'Subscriptions' }).waitFor();
    expect(
      (await apiCall(stack, OPERATOR_TOKEN, 'GET', `/api/subscriptions/${created.body.id}`)).status,
    ).toBe(404);
  });

  it('is usable with the keyboard alone: sign in, open a subscription, ask to rotate', async () => {
    const keys = await stack.context.newPage();
    await keys.goto(`${stack.base}/dashboard/`);
    await keys.getByLabel('Token').waitFor();
    const tabTo = async (name: string | RegExp) => {
      for (let i = 0; i < 60; i += 1) {
        await keys.keyboard.press('Tab');
        const text = await keys.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return el
            ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() || (el as HTMLInputElement).id
            : '';
        });
        if (typeof name === 'string' ? text === name : name.test(text)) return;
      }
      throw new Error(`Tab never reached ${name}`);
    };
    await tabTo('token');
    await keys.keyboard.type(OPERATOR_TOKEN);
    await keys.keyboard.press('Enter');
    await keys.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await tabTo('Subscriptions');
    await keys.keyboard.press('Enter');
    await keys.getByRole('heading', { level: 1, name: 'Subscriptions' }).waitFor();
    await tabTo(stack.receiver.url);
    await keys.keyboard.press('Enter');
    await keys.getByRole('heading', { level: 1, name: /Subscription/ }).waitFor();
    await tabTo('Rotate secret');
    await keys.keyboard.press('Enter');
    // The confirmation takes the focus: Enter now would confirm; Tab reaches Cancel.
    await keys.waitForFunction(() => document.activeElement?.textContent === 'Yes, rotate');
    await tabTo('Cancel');
    await keys.keyboard.press('Enter');
    await keys.getByRole('button', { name: 'Rotate secret' }).waitFor();
    await screenshot(keys, 'console-keyboard');
    await keys.close();
  });
});
