import {
  type BaseReceiverOptions,
  defineProvider,
  getHeader,
  isRecord,
  jsonResponse,
  normalizeCodes,
  parseJsonBody,
  requireString,
  verifyCodeParameter,
  WebhookError,
} from '@hookwire/core';
import type { MyGetEvents } from './events.js';

export type {
  MyGetBuildPayload,
  MyGetEnvelope,
  MyGetEvents,
  MyGetPackageMetadata,
  MyGetPackagePayload,
} from './events.js';

export interface MyGetOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The secret in the webhook URL's `?code=` (32–128 characters); an array during a rotation. */
  code: string | string[];
}

const PING = 'PingWebHookEventPayloadV1';

/**
 * A receiver for MyGet's "HTTP Post" webhooks. MyGet signs nothing, so the URL carries `?code=`;
 * events are named by `PayloadType` (`PackageAddedWebHookEventPayloadV1`, …), the id is
 * `X-MyGet-EventIdentifier`, and the ping is answered without running handlers, as ASP.NET did.
 *
 * @example
 * const receiver = myGet({ code: process.env.MYGET_WEBHOOK_CODE! });
 * receiver.on('PackageAddedWebHookEventPayloadV1', (event) => console.log(event.payload.Payload.PackageIdentifier));
 */
export const myGet = defineProvider<MyGetOptions, { codes: string[] }, MyGetEvents>({
  name: 'myget',
  title: 'MyGet',
  setup: (options) => ({ codes: normalizeCodes(options.code, 'MyGet') }),
  verify: (request, { state }) => verifyCodeParameter(request, state.codes, 'MyGet'),
  parse: (request) => {
    const payload = parseJsonBody(request, 'MyGet');
    if (!isRecord(payload))
      throw new WebhookError('malformed_body', 'The MyGet webhook body is not a JSON object.');
    const name = requireString(payload.PayloadType, 'PayloadType', 'MyGet');
    if (name === PING) return { response: jsonResponse(200, { ok: true }) };
    const identifier = typeof payload.Identifier === 'string' ? payload.Identifier : undefined;
    return { name, id: getHeader(request, 'X-MyGet-EventIdentifier') ?? identifier, payload };
  },
});
