import { dynamicsCrm } from '@hookwire/dynamics-crm';
import { createDynamicsCrmRequest } from '@hookwire/dynamics-crm/testing';
import { CODE_HINT, devCode } from './code.js';
import { type ProviderSpec, payloadOf } from './spec.js';

const spec: ProviderSpec = {
  name: 'dynamics-crm',
  secret: CODE_HINT,
  defaultSecret: devCode('dynamics-crm'),
  receiver: ({ secret }) => dynamicsCrm({ code: secret }),
  samples: {
    Create: {
      description: 'a record created (the RemoteExecutionContext of a webhook step)',
      sign: (context) =>
        createDynamicsCrmRequest({
          code: context.secret,
          url: context.url,
          payload: payloadOf(context, {
            MessageName: 'Create',
            PrimaryEntityName: 'contact',
            PrimaryEntityId: 'a3bf7f4a-2f8a-e811-a966-000d3a1bdf2f',
            OrganizationName: 'contoso',
            OrganizationId: '8b7a0e2b-7e0f-4f3a-9c1d-2a0b1c2d3e4f',
            UserId: '0e8f8e0b-8c9e-e811-a95a-000d3a1bdf2f',
            Depth: 1,
            Stage: 40,
            Mode: 1,
            InputParameters: [{ key: 'Target', value: { LogicalName: 'contact', Attributes: [] } }],
          } as never),
        }),
    },
  },
};

export default spec;
