import {
  type CodeReceiverOptions,
  defineCodeProvider,
  getHeader,
  jsonResponse,
  parseJsonObject,
  requireString,
} from '@hookwire/core';
import type { MyGetEvents } from './events.js';

export type * from './events.js';

export type MyGetOptions = CodeReceiverOptions;

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
export const myGet = defineCodeProvider<MyGetEvents, MyGetOptions>({
  title: 'MyGet',
  parse: (request) => {
    const payload = parseJsonObject(request, 'MyGet');
    const name = requireString(payload.PayloadType, 'PayloadType', 'MyGet');
    if (name === PING) return { response: jsonResponse(200, { ok: true }) };
    const identifier = typeof payload.Identifier === 'string' ? payload.Identifier : undefined;
    return { name, id: getHeader(request, 'X-MyGet-EventIdentifier') ?? identifier, payload };
  },
});
