import { createHub } from '@hookwire/core';
import { github } from '@hookwire/github';
import { createInbox, createMemoryInboxStore } from '@hookwire/inbox';
import { slack } from '@hookwire/slack';
import { signSlackRequest } from '@hookwire/slack/testing';
import { describe, expect, it } from 'vitest';
import { GITHUB_SECRET, issueOpened, SLACK_SECRET, silent } from './support/fixtures.js';

describe('inbox workers', () => {
  it('process what arrives once started, and stop taking events once stopped', async () => {
    const inbox = createInbox({
      receiver: github({ secret: GITHUB_SECRET }),
      store: createMemoryInboxStore(),
      logger: silent,
    });
    const seen: number[] = [];
    let resolveSeen!: () => void;
    const first = new Promise<void>((resolve) => {
      resolveSeen = resolve;
    });
    inbox.on('issues.opened', (event) => {
      seen.push((event.payload as { issue: { number: number } }).issue.number);
      resolveSeen();
    });
    inbox.start();
    expect((await inbox.handle(issueOpened(1))).status).toBe(200);
    await first;
    await inbox.stop();
    expect(seen).toEqual([1]);
    expect((await inbox.handle(issueOpened(2))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([1]);
    expect((await inbox.list({ status: 'pending' })).items).toHaveLength(1);
  });

  it('keeps to the global and the per-provider concurrency', async () => {
    const hub = createHub({
      github: github({ secret: GITHUB_SECRET }),
      slack: slack({ secret: SLACK_SECRET }),
    });
    const inbox = createInbox({
      hub,
      store: createMemoryInboxStore(),
      concurrency: 3,
      perProviderConcurrency: 2,
      logger: silent,
    });
    const running = new Map<string, number>();
    const most = new Map<string, number>();
    let total = 0;
    let mostTotal = 0;
    inbox.onAny(async (event) => {
      running.set(event.provider, (running.get(event.provider) ?? 0) + 1);
      total++;
      most.set(event.provider, Math.max(most.get(event.provider) ?? 0, running.get(event.provider)!));
      mostTotal = Math.max(mostTotal, total);
      await new Promise((resolve) => setTimeout(resolve, 3));
      running.set(event.provider, running.get(event.provider)! - 1);
      total--;
    });
    for (let n = 0; n < 12; n++) {
      await inbox.handle({ ...issueOpened(n), url: 'https://example.com/webhooks/github' });
      const request = signSlackRequest({
        secret: SLACK_SECRET,
        payload: {
          type: 'event_callback',
          event_id: `Ev${n}`,
          event: { type: 'app_mention', text: `hi ${n}` },
        },
        url: 'https://example.com/webhooks/slack',
      });
      expect((await inbox.handle(request)).status).toBe(200);
    }
    expect((await inbox.list({ limit: 100 })).items).toHaveLength(24);
    await inbox.drain();
    expect(most.get('github')).toBe(2);
    expect(most.get('slack')).toBe(2);
    expect(mostTotal).toBe(3);
    expect((await inbox.list({ status: 'processed', limit: 100 })).items).toHaveLength(24);
  });
});
