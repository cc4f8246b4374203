import { type CodeRequestInput, createCodeRequest, type WebhookRequest } from '@hookwire/core';

export interface CreateAzureAlertRequestInput extends CodeRequestInput {
  code: string;
  /** The alert rule name (the event name) of a generated common-schema alert. */
  alertRule?: string;
  /** `Fired` (default) or `Resolved`. */
  monitorCondition?: string;
  /** A whole alert body instead (common or classic schema). */
  payload?: unknown;
}

/** Builds a `WebhookRequest` as an Azure Monitor action group posts it to a URI with `?code=`. */
export function createAzureAlertRequest(input: CreateAzureAlertRequestInput): WebhookRequest {
  const payload = input.payload ?? {
    schemaId: 'azureMonitorCommonAlertSchema',
    data: {
      essentials: {
        alertId:
          '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.AlertsManagement/alerts/test',
        alertRule: input.alertRule ?? 'Test alert rule',
        severity: 'Sev3',
        signalType: 'Metric',
        monitorCondition: input.monitorCondition ?? 'Fired',
        monitoringService: 'Platform',
        alertTargetIDs: [],
        originAlertId: 'test',
        firedDateTime: new Date().toISOString(),
        description: '',
        essentialsVersion: '1.0',
        alertContextVersion: '1.0',
      },
      alertContext: {},
    },
  };
  return createCodeRequest(input, { path: 'azure-alert', payload });
}
