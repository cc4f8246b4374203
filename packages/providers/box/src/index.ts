import { defineProvider, WebhookConfigError } from '@hookwire/core';
import type { BoxEvents } from './events.js';
import type { BoxOptions } from './options.js';
import { parseBoxEvent } from './parse.js';
import { type BoxKeys, verifyBoxSignature } from './verify.js';

export type { BoxEvents, BoxSourceItem, BoxTrigger, BoxUserMini, BoxWebhookEvent } from './events.js';
export type { BoxOptions } from './options.js';

/**
 * A receiver for Box V2 webhooks: checks `BOX-SIGNATURE-PRIMARY` / `-SECONDARY` (HMAC-SHA256 of the
 * raw body and `BOX-DELIVERY-TIMESTAMP`) and a ten-minute window, and names events by `trigger`.
 *
 * @example
 * const receiver = box({ primaryKey: process.env.BOX_PRIMARY_KEY!, secondaryKey: process.env.BOX_SECONDARY_KEY });
 * receiver.on('FILE.UPLOADED', (event) => console.log(event.payload.source.name));
 */
export const box = defineProvider<BoxOptions, BoxKeys, BoxEvents>({
  title: 'Box',
  tolerance: 600,
  setup: (options) => ({
    primaryKey: checkKey(options.primaryKey, 'primaryKey', true)!,
    secondaryKey: checkKey(options.secondaryKey, 'secondaryKey', false),
  }),
  verify: verifyBoxSignature,
  parse: parseBoxEvent,
});

function checkKey(value: string | undefined, name: string, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0) {
    throw new WebhookConfigError(
      `Box: the \`${name}\` option ${required ? 'is required' : 'is empty'}; copy it from the app's Webhooks tab ("Manage signature keys").`,
    );
  }
  if (value.trim() !== value) {
    throw new WebhookConfigError(`Box: \`${name}\` has leading or trailing whitespace; trim it.`);
  }
  return value;
}
