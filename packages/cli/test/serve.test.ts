import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { signGitHubRequest } from '@hookwire/github/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { bufferIo, cli, freePort, tempDir } from './helpers.js';

describe('hookwire serve', () => {
  const dir = tempDir('hookwire-cli-serve-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the server on the environment it is given until stopped, receiving through the inbox', async () => {
    const port = await freePort();
    const io = bufferIo({
      env: {
        HOOKWIRE_DATABASE: join(dir, 'serve.db'),
        HOOKWIRE_OPERATOR_TOKEN: 'op-token',
        HOOKWIRE_API_TOKENS: 'acme-token=acme',
        HOOKWIRE_GITHUB_SECRET: 'serve-secret',
      },
    });
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const exit = main(['serve', '--port', String(port)], io, stopped);
    const base = `http://127.0.0.1:${port}`;
    await expect
      .poll(
        () =>
          fetch(`${base}/healthz`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 15_000 },
      )
      .toBe(200);

    const signed = signGitHubRequest({
      secret: 'serve-secret',
      event: 'ping',
      payload: { zen: 'Keep it logically awesome.', hook_id: 1 },
      url: `${base}/webhooks/github`,
    });
    const answer = await fetch(signed.url, {
      method: 'POST',
      headers: signed.headers as Record<string, string>,
      body: signed.body as Uint8Array,
    });
    expect(answer.status).toBe(200);
    const inbox = await fetch(`${base}/api/inbox/events?provider=github`, {
      headers: { authorization: 'Bearer op-token' },
    }).then((r) => r.json() as Promise<{ items: { name: string }[] }>);
    expect(inbox.items.map((item) => item.name)).toEqual(['ping']);

    stop();
    expect(await exit).toBe(0);
    expect(io.stdout.join('')).toContain(`listening on http://localhost:${port}`);
    expect(io.stdout.join('')).toContain('[hookwire] shutting down');
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('refuses a bad port or a bad environment variable as a usage error (exit 2)', async () => {
    const badPort = await cli(['serve', '--port', 'eighty']);
    expect(badPort.code).toBe(2);
    expect(badPort.err).toContain('--port must be a port number');
    const badRole = await cli(['serve', '--port', '0'], { env: { HOOKWIRE_ROLE: 'janitor' } });
    expect(badRole.code).toBe(2);
    expect(badRole.err).toContain('HOOKWIRE_ROLE');
  });
});
