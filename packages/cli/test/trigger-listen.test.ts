import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProvider, PROVIDERS } from '../src/providers/registry.js';
import { cli, startListen, trigger } from './helpers.js';

/** The same kind of secret with one character changed, so the receiver accepts it as configuration. */
function otherSecret(secret: string): string {
  if (secret.startsWith('00D')) return '00D000000000002AAA'; // another Salesforce organization
  if (secret.endsWith('='))
    return Buffer.from(`other-${Buffer.from(secret.replace(/^whsec_/, ''), 'base64')}`).toString('base64');
  const last = secret.at(-1)!;
  return `${secret.slice(0, -1)}${/[0-9a-f]/i.test(last) ? (last === '1' ? '2' : '1') : 'Q'}`;
}

describe.each(PROVIDERS)('%s: trigger against listen', (provider) => {
  let listen: Awaited<ReturnType<typeof startListen>>;
  let secret: string;
  beforeAll(async () => {
    secret = (await loadProvider(provider)).defaultSecret;
    listen = await startListen(provider, secret);
  });
  afterAll(() => listen.listener.close());

  it('verifies with the same secret (every sample), and is refused with another one, which verify explains', async () => {
    const spec = await loadProvider(provider);
    for (const event of Object.keys(spec.samples)) {
      const sent = await trigger(provider, event, `${listen.listener.url}webhooks/${provider}`, secret);
      expect(sent.code, `${provider} ${event}: ${sent.out}${sent.err}`).toBe(0);
      expect(sent.out).toMatch(/^2\d\d in \d+ ms$/m);
    }
    const lines = listen
      .lines()
      .split('\n')
      .filter((line) => line.includes(` ${provider} `) || line.includes(`  ${provider}  `));
    expect(lines.filter((line) => /verified|handshake/.test(line))).toHaveLength(
      Object.keys(spec.samples).length,
    );

    const wrong = otherSecret(secret);
    expect(wrong).not.toBe(secret);
    const refused = await cli([
      'trigger',
      provider,
      '--to',
      `${listen.listener.url}webhooks/${provider}`,
      '--secret',
      wrong,
    ]);
    expect(refused.code, refused.out).toBe(1);
    expect(refused.out).toMatch(/^4\d\d in/m);
    expect(listen.lines()).toMatch(/rejected \((signature_mismatch|unauthorized)\)/);

    const saved = readdirSync(listen.saveDir).sort(
      (a, b) => Number(a.split('-').at(-1)!.split('.')[0]) - Number(b.split('-').at(-1)!.split('.')[0]),
    );
    const file = join(listen.saveDir, saved.at(-1)!);
    const verdict = await cli(['verify', provider, '--secret', secret, '--request', file]);
    expect(verdict.code).toBe(1);
    expect(verdict.out).toMatch(/not verified: (signature_mismatch|unauthorized): /);
    expect(verdict.out).toContain('the secret is most likely wrong');
    const same = await cli(['verify', provider, '--secret', wrong, '--request', file]);
    expect(same.code, same.out).toBe(0);
  });
});
