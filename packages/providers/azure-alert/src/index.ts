import {
  type CodeReceiverOptions,
  defineCodeProvider,
  isRecord,
  type ParsedEvent,
  parseJsonObject,
  requireString,
  WebhookError,
} from '@hookwire/core';
import type { AzureAlert } from './events.js';

export type { AzureAlert, AzureClassicAlert, AzureCommonAlert } from './events.js';

export interface AzureAlertOptions extends CodeReceiverOptions {
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
export const azureAlert = defineCodeProvider<Record<string, AzureAlert>, AzureAlertOptions>({
  title: 'Azure Alert',
  parse: (request) => readAlert(parseJsonObject(request, 'Azure Alert')),
});

function readAlert(payload: Record<string, unknown>): ParsedEvent {
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
