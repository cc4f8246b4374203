import { azureContainerRegistry } from '@hookwire/azure-container-registry';
import { createAzureContainerRegistryRequest } from '@hookwire/azure-container-registry/testing';
import { CODE_HINT, devCode } from './code.js';
import { type ProviderSpec, payloadOf } from './spec.js';

const spec: ProviderSpec = {
  name: 'azure-container-registry',
  secret: CODE_HINT,
  defaultSecret: devCode('azure-container-registry'),
  receiver: ({ secret }) => azureContainerRegistry({ code: secret }),
  samples: {
    push: {
      description: 'an image pushed',
      sign: (context) =>
        createAzureContainerRegistryRequest({
          code: context.secret,
          url: context.url,
          payload: payloadOf(context, {
            id: 'cb8c3971-9adc-488b-xxxx-43cbb4974ff5',
            timestamp: '2026-03-02T10:15:00.000Z',
            action: 'push',
            target: {
              mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
              size: 524,
              digest: 'sha256:80f0d5c8786bb9e621a45ece0db56d11cdc624ad20da9fe62e9d25490f331d7d',
              length: 524,
              repository: 'hello-world',
              tag: 'v1',
            },
            request: {
              id: '3cbb6949-7549-4fa1-xxxx-a6d5451dffc7',
              host: 'myregistry.azurecr.io',
              method: 'PUT',
            },
          } as never),
        }),
    },
  },
};

export default spec;
