import { defineProvider, normalizeSecrets } from '@hookwire/core';
import type { SlackEvents } from './events.js';
import type { SlackOptions } from './options.js';
import { parseSlackRequest, type SlackState } from './parse.js';
import { slackSuccessResponse } from './response.js';
import { verifySlackSignature } from './verify.js';

export type * from './events.js';
export type { SlackOptions } from './options.js';

/**
 * A receiver for Slack: verifies `X-Slack-Signature` (v0, HMAC-SHA256 of `v0:timestamp:body`, 5-minute
 * window) and reads Events API callbacks, slash commands and interactivity payloads. Handlers of
 * slash commands and interactions may return the reply Slack shows the user.
 *
 * @example
 * const receiver = slack({ secret: process.env.SLACK_SIGNING_SECRET! });
 * receiver.on('app_mention', (event) => console.log(event.payload.event.text));
 * receiver.on('/deploy', (event) => `Deploying ${event.payload.text}…`);
 */
export const slack = defineProvider<SlackOptions, SlackState, SlackEvents>({
  title: 'Slack',
  tolerance: 300,
  setup: (options) => ({
    secrets: normalizeSecrets(options.secret, 'Slack'),
    verificationTokens:
      options.verificationToken === undefined
        ? undefined
        : normalizeSecrets(options.verificationToken, 'Slack verificationToken'),
  }),
  verify: verifySlackSignature,
  parse: (request, { state }) => parseSlackRequest(request, state),
  successResponse: (_events, replies) => slackSuccessResponse(replies),
});
