import { defineSignedProvider, timestampWindow } from '@hookwire/core';
import type { ZoomEvents } from './events.js';
import type { ZoomOptions } from './options.js';
import { parseZoomEvent } from './parse.js';
import { verifyZoomSignature } from './verify.js';

export type { ZoomEvents, ZoomMeeting, ZoomParticipant, ZoomRecordingFile, ZoomWebhook } from './events.js';
export type { ZoomOptions } from './options.js';

/**
 * A receiver for Zoom webhooks: verifies `x-zm-signature` (`v0=` HMAC-SHA256 of
 * `v0:<timestamp>:<body>`) with a timestamp window, answers `endpoint.url_validation`, and names
 * events by the body's `event` (`meeting.started`).
 *
 * @example
 * const receiver = zoom({ secret: process.env.ZOOM_WEBHOOK_SECRET_TOKEN! });
 * receiver.on('recording.completed', (event) => console.log(event.payload.payload.object.recording_files.length));
 */
export const zoom = defineSignedProvider<ZoomEvents, ZoomOptions>({
  title: 'Zoom',
  tolerance: 300,
  verify(request, ctx) {
    verifyZoomSignature(request, {
      secrets: ctx.state.secrets,
      ...timestampWindow(ctx),
    });
  },
  // The URL validation answer must use the secret that signed the request; finding it again
  // repeats one HMAC per configured secret, which only matters for that rare event.
  parse: (request, ctx) =>
    parseZoomEvent(request, () =>
      verifyZoomSignature(request, {
        secrets: ctx.state.secrets,
        ...timestampWindow(ctx),
      }),
    ),
});
