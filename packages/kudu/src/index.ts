import {
  type BaseReceiverOptions,
  defineProvider,
  isRecord,
  normalizeCodes,
  parseJsonBody,
  requireString,
  verifyCodeParameter,
  WebhookError,
} from '@hookwire/core';
import type { KuduEvents } from './events.js';

export type { KuduEvents, KuduNotification } from './events.js';

export interface KuduOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The secret in the webhook URL's `?code=` (32–128 characters); an array during a rotation. */
  code: string | string[];
}

/**
 * A receiver for Kudu (Azure App Service deployment) webhooks. Kudu signs nothing, so the URL
 * registered in Kudu carries `?code=`; events are named by the deployment `status` (`success`,
 * `failed`), as ASP.NET WebHooks read them.
 *
 * @example
 * const receiver = kudu({ code: process.env.KUDU_WEBHOOK_CODE! });
 * receiver.on('failed', (event) => alert(`${event.payload.siteName}: ${event.payload.message}`));
 */
export const kudu = defineProvider<KuduOptions, { codes: string[] }, KuduEvents>({
  name: 'kudu',
  title: 'Kudu',
  setup: (options) => ({ codes: normalizeCodes(options.code, 'Kudu') }),
  verify: (request, { state }) => verifyCodeParameter(request, state.codes, 'Kudu'),
  parse: (request) => {
    const payload = parseJsonBody(request, 'Kudu');
    if (!isRecord(payload))
      throw new WebhookError('malformed_body', 'The Kudu webhook body is not a JSON object.');
    return { name: requireString(payload.status, 'status', 'Kudu'), payload };
  },
});
