import { defineSignedProvider } from '@hookwire/core';
import type { DropboxEvents } from './events.js';
import { answerDropboxChallenge } from './handshake.js';
import type { DropboxOptions } from './options.js';
import { parseDropboxNotification } from './parse.js';

export type { DropboxEventName, DropboxEvents, DropboxNotification } from './events.js';
export type { DropboxOptions } from './options.js';

/**
 * A receiver for Dropbox webhooks: answers the `GET ?challenge=` verification request, checks
 * `X-Dropbox-Signature` over the raw body and emits one `list_folder` event per notification.
 *
 * @example
 * const receiver = dropbox({ secret: process.env.DROPBOX_APP_SECRET! });
 * receiver.on('list_folder', (event) => sync(event.payload.list_folder?.accounts ?? []));
 */
export const dropbox = defineSignedProvider<DropboxEvents, DropboxOptions>({
  title: 'Dropbox',
  handshake: answerDropboxChallenge,
  signature: 'X-Dropbox-Signature',
  hint: 'Dropbox signs every notification; is this request from Dropbox?',
  parse: parseDropboxNotification,
});
