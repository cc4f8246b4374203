import { salesforce } from '@hookwire/salesforce';
import { createSalesforceRequest } from '@hookwire/salesforce/testing';
import type { ProviderSpec } from './spec.js';

const spec: ProviderSpec = {
  name: 'salesforce',
  secret: 'the organization id (00D…) the outbound messages come from',
  defaultSecret: '00D000000000001AAA',
  receiver: ({ secret }) => salesforce({ organizationId: secret }),
  samples: {
    Opportunity: {
      description: 'an outbound message (SOAP) for an Opportunity that changed',
      sign: (context) =>
        createSalesforceRequest({
          organizationId: context.secret,
          url: context.url,
          actionId: '04k5A000000CaDgQAK',
          sObjectType: 'Opportunity',
          notifications: (context.data as never) ?? [
            {
              id: '04l5A000000N5zoQAC',
              fields: {
                Id: '0065A00000Cq7TzQAJ',
                Name: 'Acme - 1,200 Widgets',
                StageName: 'Closed Won',
                Amount: '140000',
              },
            },
          ],
        }),
    },
  },
};

export default spec;
