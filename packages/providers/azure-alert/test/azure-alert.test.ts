import { azureAlert } from '@hookwire/azure-alert';
import { createAzureAlertRequest } from '@hookwire/azure-alert/testing';
import { describeReceiver, eventOf } from '@hookwire/core/testing';
import { describe, expect, it } from 'vitest';

const code = '83699ec7c1d794c0c780e49a5c72972590571fd8';
// Shaped after the common alert schema sample in the Azure Monitor documentation.
const common = {
  schemaId: 'azureMonitorCommonAlertSchema',
  data: {
    essentials: {
      alertId:
        '/subscriptions/<subscription ID>/providers/Microsoft.AlertsManagement/alerts/b9569717-bc32-442f-add5-83a997729330',
      alertRule: 'WCUS-R2-Gen2',
      severity: 'Sev3',
      signalType: 'Metric',
      monitorCondition: 'Resolved',
      monitoringService: 'Platform',
      alertTargetIDs: [
        '/subscriptions/<subscription ID>/resourcegroups/pipelinealertrg/providers/microsoft.compute/virtualmachines/wcus-r2-gen2',
      ],
      configurationItems: ['wcus-r2-gen2'],
      originAlertId:
        '3f2d4487-b0fc-4125-8bd5-7ad17384221e_PipeLineAlertRG_microsoft.insights_metricAlerts_WCUS-R2-Gen2_-117781227',
      firedDateTime: '2019-03-22T13:58:24.3713213Z',
      resolvedDateTime: '2019-03-22T14:03:16.2246313Z',
      description: '',
      essentialsVersion: '1.0',
      alertContextVersion: '1.0',
    },
    alertContext: { properties: null, conditionType: 'SingleResourceMultipleMetricCriteria' },
  },
};
// A classic metric alert, as ASP.NET WebHooks' AzureAlertNotification modelled it.
const classic = {
  status: 'Activated',
  context: {
    id: '/subscriptions/s1/resourceGroups/useast/providers/microsoft.insights/alertrules/ruleName1',
    name: 'ruleName1',
    description: 'some description',
    conditionType: 'Metric',
    condition: {
      metricName: 'Requests',
      metricUnit: 'Count',
      metricValue: '10',
      threshold: '10',
      windowSize: '15',
      timeAggregation: 'Average',
      operator: 'GreaterThanOrEqual',
    },
    subscriptionId: 's1',
    resourceGroupName: 'useast',
    timestamp: '2015-09-18T01:02:35.8190994Z',
    resourceName: 'mysite1',
    resourceType: 'microsoft.foo/sites',
    resourceId: '/subscriptions/s1/resourceGroups/useast/providers/microsoft.foo/sites/mysite1',
    resourceRegion: 'centralus',
    portalLink:
      'https://portal.azure.com/#resource/subscriptions/s1/resourceGroups/useast/providers/microsoft.foo/sites/mysite1',
  },
  properties: { key1: 'value1' },
};

describeReceiver({
  provider: 'azure-alert',
  create: ({ secret, ...options }) => azureAlert({ code: secret, ...options }),
  sign: ({ secret, body }) => createAzureAlertRequest({ code: secret, payload: common, body }),
  credential: 'code',
  event: { name: 'WCUS-R2-Gen2' },
  malformedBodies: [
    'nope',
    '[]',
    '{"status":"Activated"}',
    JSON.stringify({ ...classic, context: { ...classic.context, name: '' } }),
    JSON.stringify({ schemaId: 'azureMonitorCommonAlertSchema', data: {} }),
  ],
});

describe('azure alert receiver', () => {
  it('names a common-schema alert by its rule, with the monitor condition in meta', async () => {
    const event = await eventOf(
      azureAlert({ code }).receive(createAzureAlertRequest({ code, payload: common })),
    );
    expect(event.name).toBe('WCUS-R2-Gen2');
    expect(event.payload).toEqual(common);
    expect(event.meta).toEqual({
      schema: 'common',
      status: 'Resolved',
      alertId: common.data.essentials.alertId,
    });
    // Fired and Resolved share the alertId, so it must not be used as a delivery id.
    expect(event.id).toBeUndefined();
  });

  it('names a classic alert by context.name, as ASP.NET did', async () => {
    const result = await azureAlert({ code }).receive(createAzureAlertRequest({ code, payload: classic }));
    expect(result.type === 'event' && result.event.name).toBe('ruleName1');
    expect(result.type === 'event' && result.event.meta).toMatchObject({
      schema: 'classic',
      status: 'Activated',
    });
  });
});
