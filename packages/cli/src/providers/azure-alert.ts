import { azureAlert } from '@hookwire/azure-alert';
import { createAzureAlertRequest } from '@hookwire/azure-alert/testing';
import { CODE_HINT, devCode } from './code.js';
import type { ProviderSpec } from './spec.js';

const spec: ProviderSpec = {
  name: 'azure-alert',
  secret: CODE_HINT,
  defaultSecret: devCode('azure-alert'),
  receiver: ({ secret }) => azureAlert({ code: secret }),
  samples: {
    'cpu-high': {
      description: 'a metric alert fired (common alert schema)',
      sign: (context) =>
        createAzureAlertRequest({
          code: context.secret,
          url: context.url,
          alertRule: 'cpu-high',
          monitorCondition: 'Fired',
          payload: context.data,
        }),
    },
  },
};

export default spec;
