import {
  type BaseReceiverOptions,
  defineProvider,
  isRecord,
  normalizeCodes,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  verifyCodeParameter,
  WebhookError,
} from '@hookwire/core';
import type { AzureAlert } from './events.js';

export type { AzureAlert, AzureClassicAlert, AzureCommonAlert } from './events.js';

export interface AzureAlertOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The secret in the action group's webhook URI as `?code=` (32–128 characters); an array during a rotation. */
  code: string | string[];
}

/**
 * A receiver for Azure Monitor alert webhooks (action group "Webhook" actions). Azure signs nothing,
 * so the URI carries `?code=`. The event is named by the alert rule, as ASP.NET WebHooks did
 * (`context.name`); the common alert schema's `essentials.alertRule` is read the same way.
 * `meta.status` is `Fired`/`Resolved` (common schema) or `Activated`/`Resolved` (classic).
 *
 * @example
 * const receiver = azureAlert({ code: process.env.AZURE_ALERT_CODE! });
 * receiver.on('High CPU', (event) => page(event.meta.status));
 */
export const azureAlert = defineProvider<AzureAlertOptions, { codes: string[] }, Record<string, AzureAlert>>({
  name: 'azure-alert',
  title: 'Azure Alert',
  setup: (options) => ({ codes: normalizeCodes(options.code, 'Azure Alert') }),
  verify: (request, { state }) => verifyCodeParameter(request, state.codes, 'Azure Alert'),
  parse: (request) => readAlert(parseJsonBody(request, 'Azure Alert')),
});

function readAlert(payload: unknown): ParsedEvent {
  if (!isRecord(payload))
    throw new WebhookError('malformed_body', 'The Azure Alert webhook body is not a JSON object.');
  if (payload.schemaId === 'azureMonitorCommonAlertSchema') {
    const essentials =
      isRecord(payload.data) && isRecord(payload.data.essentials) ? payload.data.essentials : {};
    return {
      name: requireString(essentials.alertRule, 'data.essentials.alertRule', 'Azure Alert'),
      payload,
      meta: { schema: 'common', status: essentials.monitorCondition, alertId: essentials.alertId },
    };
  }
  if (!isRecord(payload.context)) {
    throw new WebhookError(
      'malformed_body',
      'The Azure Alert body is neither the common alert schema nor a classic alert (no `context`). Enable the common alert schema on the action group.',
    );
  }
  return {
    name: requireString(payload.context.name, 'context.name', 'Azure Alert'),
    payload,
    meta: { schema: 'classic', status: payload.status, alertId: payload.context.id },
  };
}
