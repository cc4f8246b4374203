import { defineSignedProvider } from '@hookwire/core';
import type { DocuSignEvents } from './events.js';
import type { DocuSignOptions } from './options.js';
import { parseDocuSignEvent } from './parse.js';
import { verifyDocuSignSignature } from './verify.js';

export type { DocuSignConnectEvent, DocuSignEventName, DocuSignEvents } from './events.js';
export type { DocuSignOptions } from './options.js';

/**
 * A receiver for DocuSign Connect (JSON SIM): checks `X-DocuSign-Signature-1…N` (base64 HMAC-SHA256 of
 * the raw body, one header per active Connect key) and names events by `event`.
 *
 * @example
 * const receiver = docusign({ secret: process.env.DOCUSIGN_CONNECT_KEY! });
 * receiver.on('envelope-completed', (event) => console.log(event.payload.data.envelopeId));
 */
export const docusign = defineSignedProvider<DocuSignEvents, DocuSignOptions>({
  title: 'DocuSign',
  verify: (request, { state }) => verifyDocuSignSignature(request, state.secrets),
  parse: parseDocuSignEvent,
});
