import { createHash } from 'node:crypto';
import type { WebhookEvent } from '@hookwire/core';
import type { Inbox } from '@hookwire/inbox';
import type { Sender } from '@hookwire/sender';
import { OPERATOR_TENANT } from './config.js';
import { oneLine } from './log.js';

/** The sender's event-type rule: words of letters, digits, `_` and `-`, separated by `.`, `:` or `/`. */
const EVENT_TYPE = /^[A-Za-z0-9_-]+(?:[.:/][A-Za-z0-9_-]+)*$/;
const MAX_TYPE_LENGTH = 200;
const PLAIN_ID = /^[A-Za-z0-9_-]+$/;

/** A verified webhook whose event name cannot become an event type: answered 400, not 500. */
export class UnpublishableEventError extends Error {
  override readonly name = 'UnpublishableEventError';
}

/**
 * The event type a received event is republished as: `<provider>.<name>` (`github.push`). Slack
 * names slash commands by the command (`/deploy`), which becomes `slack.command.deploy`; other
 * characters outside the rule become `_`. A name that still breaks the rule (empty words such as
 * `push..x`, over 200 characters) is refused: providers sign the body, not always the header that
 * carries the name.
 */
export function eventTypeOf(provider: string, name: string): string {
  const named = name.startsWith('/') ? `command.${name.slice(1)}` : name;
  const type = `${provider}.${named.replace(/[^A-Za-z0-9_.:/-]/g, '_')}`;
  if (type.length > MAX_TYPE_LENGTH || !EVENT_TYPE.test(type)) {
    const shown = name.length > 60 ? `${name.slice(0, 60)}… (${name.length} characters)` : name;
    throw new UnpublishableEventError(
      `The ${provider} event name ${JSON.stringify(shown)} cannot be republished: an event name must be words of letters, digits, "_" or "-" separated by ".", ":" or "/", ${MAX_TYPE_LENGTH - provider.length - 1} characters at most. Check the header or field that names the event.`,
    );
  }
  return type;
}

/**
 * The republished event's id, scoped by provider so providers never collide: `github_<delivery>`
 * when the delivery id is plain, else `github:<hash>` (the `:` keeps the two forms apart).
 */
export function eventIdOf(provider: string, id: string): string {
  const plain = `${provider}_${id}`;
  if (PLAIN_ID.test(id) && plain.length <= 128) return plain;
  return `${provider}:${createHash('sha256').update(id).digest('hex').slice(0, 64)}`;
}

/**
 * Both halves together: each stored incoming event is published to the operator's own
 * subscribers (tenant `operator`), never to other tenants, as `<provider>.<event>`. The event id
 * comes from the provider's delivery id, else from the inbox id, so a retry or a replay of the same
 * stored webhook publishes it once.
 */
export function republishReceived(inbox: Inbox, sender: Sender, log: (line: string) => void): void {
  inbox.onAny(async (event: WebhookEvent) => {
    const inboxId = String(event.meta.inboxId ?? '');
    try {
      const type = eventTypeOf(event.provider, event.name);
      const id = event.id ? eventIdOf(event.provider, event.id) : `${event.provider}:${inboxId}`;
      const result = await sender.publish({ type, data: event.payload, tenant: OPERATOR_TENANT, id });
      log(
        `received ${event.provider} ${type} (${id}) → ${result.created ? 'published' : 'already published'} to ${result.deliveries} operator subscription(s)`,
      );
    } catch (error) {
      log(
        `inbox event ${inboxId} (${event.provider} ${event.name}) could not be republished: ${oneLine(error)}`,
      );
      throw error;
    }
  });
}
