import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, expect } from 'vitest';
// A relative import: @hookwire/server depends on this package, so this package cannot depend on it.
import { type RunningServer, readConfig, startServer } from '../../server/src/index.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
export const SCREENSHOTS = join(packageDir, 'test', 'screenshots');
export const OPERATOR_TOKEN = 'operator-test-token';
export const TENANT_TOKENS = { 'acme-token': 'acme', 'globex-token': 'globex' };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The app must be built (dist/app) before the server can serve it: build it when missing or older than ui/. */
export async function ensureAppBuilt(): Promise<void> {
  const index = join(packageDir, 'dist', 'app', 'index.html');
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
        entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs,
      ),
    );
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(packageDir, 'ui'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(packageDir, 'vite.config.ts'), logLevel: 'warn' });
}

/** A local endpoint that records what it receives and answers 204, or 500 with a body while `failing`. */
export class TestReceiver {
  readonly received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  failing = false;
  failBody = '{"error":"orders database unavailable"}';
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (this.failing) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(this.failBody);
        } else {
          res.writeHead(204).end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

export interface Stack {
  server: RunningServer;
  base: string;
  receiver: TestReceiver;
  /** Makes the inbox handler of GitHub `push` events throw while true. */
  handler: { failing: boolean };
  context: BrowserContext;
  close(): Promise<void>;
}

/** The real server on port 0 (SQLite in a temp folder), a local receiver and Debian's Chromium. */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  await ensureAppBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'hookwire-dashboard-'));
  const fullEnv = {
    PORT: '0',
    HOOKWIRE_DATABASE: join(dir, 'hookwire.db'),
    HOOKWIRE_ALLOW_PRIVATE_NETWORK: 'true',
    HOOKWIRE_OPERATOR_TOKEN: OPERATOR_TOKEN,
    HOOKWIRE_API_TOKENS: Object.entries(TENANT_TOKENS)
      .map(([token, tenant]) => `${token}=${tenant}`)
      .join(','),
    // A failed attempt waits a minute: the test retries it by hand.
    HOOKWIRE_RETRY_SCHEDULE: '60',
    HOOKWIRE_INBOX_RETRY_SCHEDULE: '60',
    ...env,
  };
  const receiver = new TestReceiver();
  await receiver.start();
  const handler = { failing: false };
  const server = await startServer(readConfig(fullEnv), fullEnv, () => {}, {
    setup({ inbox }) {
      inbox.on('push', () => {
        if (handler.failing)
          throw new Error('<img src=x onerror="window.__pwned=1"> handler failed: deploy queue full');
      });
    },
  });
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 860 },
  });
  // A missing element fails with Playwright's own message well before the test's time runs out.
  context.setDefaultTimeout(20_000);
  return {
    server,
    base: `http://127.0.0.1:${server.port}`,
    receiver,
    handler,
    context,
    async close() {
      await context.close();
      await server.close();
      await receiver.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Calls the management API as a script would. */
export async function apiCall<T = unknown>(
  stack: Stack,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${stack.base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Sends a GitHub `push` signed with the server's development secret to /webhooks/github. */
export async function sendGitHubPush(stack: Stack, payload: unknown): Promise<number> {
  const body = JSON.stringify(payload);
  const response = await fetch(`${stack.base}/webhooks/github`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/test',
      'x-github-event': 'push',
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': `sha256=${createHmac('sha256', 'dev-github-secret').update(body).digest('hex')}`,
    },
    body,
  });
  return response.status;
}

/** Opens the console and signs in through the field labelled "Token". */
export async function signIn(page: Page, stack: Stack, token = OPERATOR_TOKEN): Promise<void> {
  await page.goto(`${stack.base}/dashboard`);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `accessibility violations on ${where}`).toEqual([]);
}

/** Collects page errors and console errors, and every CSP violation. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** For a browser `describe`: a screenshot of the page after each failed test; the stack closed after all. */
export function screenshotFailuresThenClose(current: () => { stack?: Stack; page?: Page }): void {
  afterEach(async (context) => {
    const { page } = current();
    if (context.task.result?.state === 'fail' && page)
      await screenshot(page, `failed-${context.task.name.slice(0, 40)}`);
  });
  afterAll(async () => {
    await current().stack?.close();
  });
}
