import {
  checkPublicUrl,
  defineProvider,
  normalizeSecrets,
  publicRequestUrl,
  timestampWindow,
} from '@hookwire/core';
import type { HubSpotEvents } from './events.js';
import type { HubSpotOptions } from './options.js';
import { parseHubSpotEvents } from './parse.js';
import { verifyHubSpotSignature } from './verify.js';

export type { HubSpotEvent, HubSpotEvents, HubSpotPropertyChangeEvent } from './events.js';
export type { HubSpotOptions } from './options.js';

/**
 * A receiver for HubSpot webhooks: verifies `X-HubSpot-Signature-v3` (HMAC over method, URI, body
 * and timestamp; 5-minute window), or the v1/v2 `X-HubSpot-Signature` hashes when v3 is absent,
 * and yields one event per array element (`contact.creation`, …).
 *
 * @example
 * const receiver = hubspot({ secret: process.env.HUBSPOT_CLIENT_SECRET!, publicUrl: 'https://hooks.example.com' });
 * receiver.on('contact.propertyChange', (event) => console.log(event.payload.propertyName));
 */
export const hubspot = defineProvider<HubSpotOptions, { secrets: string[] }, HubSpotEvents>({
  title: 'HubSpot',
  // Workflow "Send a webhook" actions may use GET (no body); both signature versions cover it.
  methods: ['POST', 'GET'],
  tolerance: 300,
  setup(options) {
    checkPublicUrl(options.publicUrl, 'HubSpot');
    return { secrets: normalizeSecrets(options.secret, 'HubSpot') };
  },
  verify: (request, ctx) =>
    verifyHubSpotSignature(request, {
      secrets: ctx.state.secrets,
      url: publicRequestUrl(request, ctx.options.publicUrl),
      allowLegacy: ctx.options.allowLegacy ?? true,
      ...timestampWindow(ctx),
    }),
  parse: parseHubSpotEvents,
});
