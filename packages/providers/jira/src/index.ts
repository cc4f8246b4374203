import { defineSignedProvider, getHeader } from '@hookwire/core';
import type { JiraEvents } from './events.js';
import type { JiraOptions } from './options.js';

export type * from './events.js';
export type { JiraOptions } from './options.js';

/**
 * A receiver for Jira Cloud admin webhooks with a secret: checks `X-Hub-Signature: sha256=<hex>`
 * (HMAC-SHA256 of the raw body, WebSub style), names events by `webhookEvent`, and takes the delivery
 * id from `X-Atlassian-Webhook-Identifier` (the same on every retry).
 *
 * @example
 * const receiver = jira({ secret: process.env.JIRA_WEBHOOK_SECRET! });
 * receiver.on('jira:issue_created', (event) => console.log(event.payload.issue?.key));
 */
export const jira = defineSignedProvider<JiraEvents, JiraOptions>({
  title: 'Jira',
  signature: { header: 'X-Hub-Signature', prefix: 'sha256=' },
  hint: 'Jira signs deliveries only for webhooks created with a secret (admin webhooks); set the same secret there.',
  event: {
    name: 'webhookEvent',
    id: { header: 'X-Atlassian-Webhook-Identifier' },
    meta(body, request) {
      const retry = getHeader(request, 'X-Atlassian-Webhook-Retry');
      return {
        retry: retry === undefined ? 0 : Number(retry),
        flow: getHeader(request, 'X-Atlassian-Webhook-Flow'),
        issueEventTypeName: body.issue_event_type_name,
      };
    },
  },
});
