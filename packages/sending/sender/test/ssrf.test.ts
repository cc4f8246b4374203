import {
  AddressGuard,
  blockedAddressReason,
  createMemoryStore,
  createSender,
  isSenderError,
  type Resolver,
  type Sender,
} from '@hookwire/sender';
import { makeSubscription } from '@hookwire/sender/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startSubscriber, waitFor } from './helpers.js';

const PUBLIC_V4 = '93.184.215.14';
const PUBLIC_V6 = '2606:2800:21f:cb07:6820:80da:af6b:8b2c';

function fakeDns(table: Record<string, string[]>): Resolver {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

const senders: Sender[] = [];
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(senders.splice(0).map((s) => s.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function guardedSender(
  resolve: Resolver,
  extra: Parameters<typeof createSender>[0] extends infer O ? Partial<O> : never = {},
) {
  const sender = createSender({
    store: createMemoryStore(),
    resolve,
    retrySchedule: [60],
    pollIntervalMs: 20,
    onError: () => {},
    ...extra,
  });
  senders.push(sender);
  return sender;
}

async function registrationError(sender: Sender, url: string) {
  try {
    await sender.createSubscription({ url, events: ['*'] });
  } catch (error) {
    if (isSenderError(error)) return error;
    throw error;
  }
  return undefined;
}

describe('address classes', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.10', 'private'],
    ['fc00::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.100.100.200', 'carrierGradeNat'],
    ['255.255.255.255', 'broadcast'],
    ['::7f00:1', 'not global unicast'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
  ])('%s is refused (%s)', (address, reason) => {
    expect(blockedAddressReason(address)).toBe(reason);
  });

  it.each([PUBLIC_V4, '8.8.8.8', '1.1.1.1', PUBLIC_V6, '172.32.0.1', '11.0.0.1'])(
    '%s is public',
    (address) => {
      expect(blockedAddressReason(address)).toBeUndefined();
    },
  );
});

describe('SSRF guard at registration', () => {
  const dns = fakeDns({
    'hooks.example.com': [PUBLIC_V4, PUBLIC_V6],
    'internal.example.com': ['10.1.2.3'],
    'mixed.example.com': [PUBLIC_V4, '127.0.0.1'],
    'v6.example.com': ['::1'],
    'mapped.example.com': ['::ffff:169.254.169.254'],
  });

  it.each([
    'http://127.0.0.1/hook',
    'http://127.1/hook',
    'http://2130706433/hook',
    'http://0177.0.0.1/hook',
    'http://0x7f.0.0.1/hook',
    'http://0x7f000001/hook',
    'http://017700000001/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:7f00:1]/hook',
    'http://[0:0:0:0:0:ffff:127.0.0.1]/hook',
    'http://localhost/hook',
    'http://LOCALHOST./hook',
    'http://api.localhost/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/latest/meta-data/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://100.100.100.200/latest/meta-data/',
    'http://10.0.0.1/',
    'http://172.16.5.4/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[::]/',
    'http://224.0.0.1/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'https://internal.example.com/',
    'https://mixed.example.com/',
    'https://v6.example.com/',
    'https://mapped.example.com/',
    'https://does-not-resolve.example.com/',
  ])('refuses %s', async (url) => {
    const error = await registrationError(guardedSender(dns), url);
    expect(error).toMatchObject({ code: 'blocked_address', field: 'url', status: 400 });
  });

  it('accepts a public name and keeps checking it when the URL changes', async () => {
    const sender = guardedSender(dns);
    const subscription = await sender.createSubscription({
      url: 'https://hooks.example.com/in',
      events: ['*'],
    });
    await expect(
      sender.updateSubscription(subscription.id, { url: 'http://[::ffff:a00:1]/' }),
    ).rejects.toMatchObject({
      code: 'blocked_address',
    });
  });

  it('lets everything through with allowPrivateNetwork: local names register, loopback is delivered to', async () => {
    const local = await startSubscriber();
    servers.push(local);
    const sender = guardedSender(dns, { allowPrivateNetwork: true });
    // The fake DNS does not know localhost: registration passes only because the guard is off.
    const named = await sender.createSubscription({
      url: 'http://localhost:9/hook',
      events: ['other.event'],
    });
    const loopback = await sender.createSubscription({ url: `${local.url}/hook`, events: ['a.b'] });
    const registered = (await sender.listSubscriptions()).items.map((s) => s.id);
    expect(registered.sort()).toEqual([named.id, loopback.id].sort());
    await sender.start();
    await sender.publish({ type: 'a.b' });
    await waitFor(() => local.requests.length === 1, 5000, 'the delivery to 127.0.0.1');
    expect(local.requests[0]!.url).toBe('/hook');
  });
});

describe('SSRF guard at connect time', () => {
  it('refuses a name that rebinds to loopback after registration; nothing reaches the local server', async () => {
    const local = await startSubscriber();
    servers.push(local);
    let lookups = 0;
    const rebinding: Resolver = async () => {
      lookups += 1;
      return [{ address: lookups === 1 ? PUBLIC_V4 : '127.0.0.1', family: 4 }];
    };
    const sender = guardedSender(rebinding);
    const subscription = await sender.createSubscription({
      url: `http://rebind.example.com:${local.port}/`,
      events: ['*'],
    });
    await sender.start();
    await sender.publish({ type: 'a.b' });
    const delivery = await waitFor(async () => {
      const d = (await sender.listDeliveries(subscription.id)).items[0];
      return d && d.attempts === 1 ? d : undefined;
    });
    expect(delivery.lastError).toContain('127.0.0.1');
    expect(delivery.lastError).toContain('loopback');
    expect(lookups).toBeGreaterThanOrEqual(2);
    expect(local.requests).toHaveLength(0);
  });

  it('refuses a literal private address stored without the guard (e.g. before allowPrivateNetwork was turned off)', async () => {
    const local = await startSubscriber();
    servers.push(local);
    const store = createMemoryStore();
    await store.insertSubscription(
      makeSubscription({ url: `${local.url}/`, events: ['*'], tenant: 'default' }),
    );
    const sender = createSender({ store, resolve: fakeDns({}), pollIntervalMs: 20, retrySchedule: [60] });
    senders.push(sender);
    await sender.start();
    await sender.publish({ type: 'a.b' });
    const [subscription] = (await store.listSubscriptions({ limit: 1 })).items;
    const delivery = await waitFor(async () => {
      const d = (await sender.listDeliveries(subscription!.id)).items[0];
      return d && d.attempts === 1 ? d : undefined;
    });
    expect(delivery.lastError).toMatch(/127\.0\.0\.1 is loopback/);
    expect(local.requests).toHaveLength(0);
  });

  it('pins the vetted address: lookup answers only what it checked, in both callback shapes', async () => {
    const guard = new AddressGuard({ resolve: fakeDns({ 'hooks.example.com': [PUBLIC_V4, PUBLIC_V6] }) });
    const all = await new Promise<unknown>((resolve, reject) =>
      guard.lookup('hooks.example.com', { all: true }, (error, addresses) =>
        error ? reject(error) : resolve(addresses),
      ),
    );
    expect(all).toEqual([
      { address: PUBLIC_V4, family: 4 },
      { address: PUBLIC_V6, family: 6 },
    ]);
    const one = await new Promise<unknown[]>((resolve, reject) =>
      guard.lookup('hooks.example.com', { family: 6 }, (error, address, family) =>
        error ? reject(error) : resolve([address, family]),
      ),
    );
    expect(one).toEqual([PUBLIC_V6, 6]);
    const refused = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      guard.lookup('localhost', {}, (error) => resolve(error)),
    );
    expect(refused?.message).toMatch(/local or metadata name/);
  });
});

describe('ownership check', () => {
  it('accepts an endpoint that echoes the challenge, refuses one that does not', async () => {
    const echo = await startSubscriber((request, res) => {
      const value = new URL(request.url, 'http://x').searchParams.get('echo');
      res.writeHead(200, { 'content-type': 'text/plain' }).end(value ?? '');
    });
    const mute = await startSubscriber((_q, res) => res.writeHead(200).end('hello'));
    servers.push(echo, mute);
    const sender = guardedSender(fakeDns({}), { allowPrivateNetwork: true, verifyOwnership: 'echo' });
    await sender.createSubscription({ url: `${echo.url}/hook?x=1`, events: ['*'] });
    expect(echo.requests[0]!.method).toBe('GET');
    expect(echo.requests[0]!.url).toMatch(/^\/hook\?x=1&echo=[0-9a-f]{32}$/);
    const error = await registrationError(sender, `${mute.url}/hook`);
    expect(error).toMatchObject({ code: 'ownership_check_failed', field: 'url' });
    expect((await sender.listSubscriptions()).items).toHaveLength(1);
  });

  it('can send a signed test event instead', async () => {
    const hook = await startSubscriber((_q, res, i) => res.writeHead(i === 0 ? 204 : 500).end());
    servers.push(hook);
    const sender = guardedSender(fakeDns({}), { allowPrivateNetwork: true, verifyOwnership: ['test-event'] });
    await sender.createSubscription({ url: hook.url, events: ['*'] });
    expect(JSON.parse(hook.requests[0]!.body)).toMatchObject({ type: 'webhook.test', data: {} });
    expect(hook.requests[0]!.headers['webhook-signature']).toMatch(/^v1,/);
    expect(await registrationError(sender, hook.url)).toMatchObject({ code: 'ownership_check_failed' });
  });
});
