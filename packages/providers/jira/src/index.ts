import { defineSignedProvider, getHeader, isRecord, parseJsonBody, requireString } from '@hookwire/core';
import type { JiraEvents } from './events.js';
import type { JiraOptions } from './options.js';

export type { JiraEventName, JiraEvents, JiraIssue, JiraUser, JiraWebhookEvent } from './events.js';
export type { JiraOptions } from './options.js';

const HEADER = 'X-Hub-Signature';
const PREFIX = 'sha256=';

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
  name: 'jira',
  title: 'Jira',
  signature: {
    header: HEADER,
    algorithm: 'sha256',
    encoding: 'hex',
    prefix: PREFIX,
    hint: 'Jira signs deliveries only for webhooks created with a secret (admin webhooks); set the same secret there.',
  },
  parse(request) {
    const payload = parseJsonBody<unknown>(request, 'Jira');
    const body = isRecord(payload) ? payload : {};
    const retry = getHeader(request, 'X-Atlassian-Webhook-Retry');
    return {
      name: requireString(body.webhookEvent, 'webhookEvent', 'Jira'),
      id: getHeader(request, 'X-Atlassian-Webhook-Identifier') || undefined,
      payload,
      meta: {
        retry: retry === undefined ? 0 : Number(retry),
        flow: getHeader(request, 'X-Atlassian-Webhook-Flow'),
        issueEventTypeName: body.issue_event_type_name,
      },
    };
  },
});
