import { microsoftGraph } from '@hookwire/microsoft-graph';
import { createGraphNotification, createGraphValidationRequest } from '@hookwire/microsoft-graph/testing';
import { type ProviderSpec, payloadOf } from './spec.js';

type Notifications = Parameters<typeof createGraphNotification>[0]['notifications'];

const spec: ProviderSpec = {
  name: 'microsoft-graph',
  secret: "the subscription's clientState",
  defaultSecret: 'dev-client-state',
  receiver: ({ secret }) => microsoftGraph({ clientState: secret }),
  samples: {
    created: {
      description: 'a change notification (a message created in a mailbox)',
      sign: (context) =>
        createGraphNotification({
          clientState: context.secret,
          url: context.url,
          notifications: payloadOf(context, [
            {
              subscriptionId: '7f105c7d-2dc5-4530-97cd-4e7ae6534c07',
              subscriptionExpirationDateTime: '2026-03-05T10:15:00.0000000-07:00',
              changeType: 'created',
              resource: 'Users/8b7a0e2b-7e0f/Messages/AAMkADM1NjVmZTEx',
              resourceData: { '@odata.type': '#Microsoft.Graph.Message', id: 'AAMkADM1NjVmZTEx' },
              tenantId: '84bd8158-6d4d-4958-8b9f-9d6445542f95',
            },
          ] as Notifications),
        }),
    },
    validation: {
      description: 'the validationToken handshake when a subscription is created',
      sign: (context) =>
        createGraphValidationRequest({
          token: 'Validation: Testing client application reachability for subscription Request-Id: 27e4b38e',
          url: context.url,
        }),
    },
  },
};

export default spec;
