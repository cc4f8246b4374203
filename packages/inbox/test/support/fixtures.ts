import { createHub, type WebhookRequest } from '@hookwire/core';
import { github } from '@hookwire/github';
import { signGitHubRequest } from '@hookwire/github/testing';
import type { InboxLogger } from '@hookwire/inbox';
import { slack } from '@hookwire/slack';

export const GITHUB_SECRET = 'gh-test-secret';
export const SLACK_SECRET = 'slack-test-secret';

export const silent: InboxLogger = { warn() {}, error() {} };

/** The hub the tests put behind the inbox: GitHub (signed events) and Slack (a signed handshake). */
export function testHub() {
  return createHub({ github: github({ secret: GITHUB_SECRET }), slack: slack({ secret: SLACK_SECRET }) });
}

/** A signed `issues.opened` for repository `repo`, numbered `n`. */
export function issueOpened(n: number, repo = 'r1', deliveryId?: string): WebhookRequest {
  return signGitHubRequest({
    secret: GITHUB_SECRET,
    event: 'issues',
    deliveryId,
    payload: { action: 'opened', issue: { number: n }, repository: { id: repo } },
  });
}
