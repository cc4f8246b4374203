import type { WebhookEvent, WebhookHub } from '@hookwire/core';
import type { Sender } from '@hookwire/sender';

/**
 * Both halves together: each verified incoming event is published to the demo's own subscribers
 * as `<provider>.<event>` (a GitHub `push` becomes `github.push`).
 */
export function republishReceived(hub: WebhookHub, sender: Sender, log: (line: string) => void): void {
  hub.onAny(async (event: WebhookEvent) => {
    const type = `${event.provider}.${event.name}`.replace(/[^A-Za-z0-9_.:/-]+/g, '_');
    const id = event.id
      ? `${event.provider}_${event.id}`.replace(/[^A-Za-z0-9_:-]+/g, '_').slice(0, 128)
      : undefined;
    const result = await sender.publish({ type, data: event.payload, ...(id ? { id } : {}) });
    log(
      `received ${event.provider} ${event.name}${event.id ? ` (${event.id})` : ''} → published ${type} to ${result.deliveries} subscription(s)`,
    );
  });
}
