import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signGitHubRequest } from '@hookwire/github/testing';
import { devSecret } from '@hookwire/server';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, OPERATOR_TOKEN, post, startTestDemo, type TestDemo, waitFor } from './support.js';

// The README's inbox walkthrough over HTTP: stored → retried → dead → (handler fixed) → replayed.
const dir = mkdtempSync(join(tmpdir(), 'hookwire-walkthrough-'));
const database = join(dir, 'demo.db');
const running: TestDemo[] = [];

afterAll(async () => {
  for (const demo of running) await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

interface InboxItem {
  id: string;
  provider: string;
  name: string;
  deliveryId: string | null;
  status: string;
  attempts: number;
}
interface InboxDetail extends InboxItem {
  lastError: string | null;
  history: { attempt: number; kind: string; error: string | null }[];
}

const inbox = async (t: TestDemo, path: string, init: RequestInit = {}) => {
  const response = await t.api(`/inbox${path}`, init, OPERATOR_TOKEN);
  return { status: response.status, body: (await response.json()) as any };
};

describe('the README walkthrough: a failing handler, retries, dead, fixed, replayed', () => {
  let id = '';

  it('stores a signed webhook and answers 200 although the handler fails', async () => {
    const t = await startTestDemo({
      HOOKWIRE_DATABASE: database,
      HOOKWIRE_DEMO_FAIL_HANDLER: 'github.push',
    });
    running.push(t);
    expect(t.log.some((line) => line.startsWith('HOOKWIRE_DEMO_FAIL_HANDLER=github.push'))).toBe(true);
    const subscribed = await t.api(
      '/subscriptions',
      { method: 'POST', body: JSON.stringify({ url: t.subscriberUrl('/operator'), events: ['github.*'] }) },
      OPERATOR_TOKEN,
    );
    expect(subscribed.status).toBe(201);
    const request = signGitHubRequest({
      secret: devSecret('github'),
      event: 'push',
      payload: { ref: 'refs/heads/main' },
      deliveryId: 'walkthrough-1',
    });
    const response = await post(t.base, '/webhooks/github', request);
    expect(response.status).toBe(200);
    const listed = await inbox(t, '/events?provider=github');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ provider: 'github', name: 'push', deliveryId: 'walkthrough-1' }),
    ]);
    id = listed.body.items[0].id;
    expect(id).toMatch(/^ibx_/);
  });

  it('retries on the schedule, then marks the event dead with the error kept', async () => {
    const t = running[0]!;
    // HOOKWIRE_RETRY_SCHEDULE=1,1 (the inbox's schedule too): three attempts, then dead.
    const detail = await eventually(async () => {
      const { body } = await inbox(t, `/events/${id}`);
      return body.status === 'dead' ? (body as InboxDetail) : undefined;
    }, 'the event to go dead');
    expect(detail.attempts).toBe(3);
    expect(detail.lastError).toContain('HOOKWIRE_DEMO_FAIL_HANDLER=github.push');
    expect(detail.history.map((h) => [h.attempt, h.kind, h.error !== null])).toEqual([
      [1, 'process', true],
      [2, 'process', true],
      [3, 'process', true],
    ]);
    const dead = await inbox(t, '/events?status=dead');
    expect(dead.body.items.map((item: InboxItem) => item.id)).toEqual([id]);
    expect(t.log.filter((line) => line.includes(`(${id}) failed on attempt`))).toHaveLength(3);
    await t.close();
    running.length = 0;
  });

  it('replays the dead event through the fixed handler after a restart on the same database', async () => {
    const t = await startTestDemo({ HOOKWIRE_DATABASE: database });
    running.push(t);
    // Stored durably: the dead event survived the restart and is not taken again by itself.
    expect((await inbox(t, `/events/${id}`)).body).toMatchObject({ status: 'dead', attempts: 3 });
    const replayed = await inbox(t, `/events/${id}/replay`, { method: 'POST' });
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ ok: true, error: null, attempt: { kind: 'replay' } });
    const detail = (await inbox(t, `/events/${id}`)).body as InboxDetail;
    expect(detail.status).toBe('processed');
    expect(detail.history.at(-1)).toMatchObject({ kind: 'replay', error: null });
    // The republish is idempotent (the event id comes from the delivery id): published once.
    expect(
      t.log.some((line) => line.includes('github.push (github_walkthrough-1) → already published')),
    ).toBe(true);
  });

  it('keeps the inbox to the operator: a tenant token gets 403, no token 401', async () => {
    const t = running[0]!;
    expect((await t.api('/inbox/events')).status).toBe(403);
    expect((await fetch(`${t.base}/api/inbox/events`)).status).toBe(401);
    expect((await t.api(`/inbox/events/${id}/replay`, { method: 'POST' })).status).toBe(403);
  });

  it('delivered the republished github.push to the operator once, whatever the retries', async () => {
    // The first attempt published it (the failing handler ran beside the republishing one).
    const t = running[0]!;
    await waitFor(() => t.log.find((line) => line.startsWith('received github')), 'the replay line');
    const deliveries = await t.api('/subscriptions', {}, OPERATOR_TOKEN);
    const { items } = (await deliveries.json()) as { items: { id: string }[] };
    const log = (await (
      await t.api(`/subscriptions/${items[0]!.id}/deliveries`, {}, OPERATOR_TOKEN)
    ).json()) as {
      items: { eventId: string }[];
    };
    expect(log.items.map((d) => d.eventId)).toEqual(['github_walkthrough-1']);
  });
});
