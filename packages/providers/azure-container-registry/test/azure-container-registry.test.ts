import { azureContainerRegistry } from '@hookwire/azure-container-registry';
import { createAzureContainerRegistryRequest } from '@hookwire/azure-container-registry/testing';
import { describeReceiver } from '@hookwire/core/testing';
import { describe, expect, it } from 'vitest';

const code = '83699ec7c1d794c0c780e49a5c72972590571fd8';
// The image push example of the ACR webhook reference.
const push = {
  id: 'cb8c3971-9adc-488b-xxxx-43cbb4974ff5',
  timestamp: '2017-11-17T16:52:01.343145347Z',
  action: 'push',
  target: {
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    size: 524,
    digest: 'sha256:xxxxd5c8786bb9e621a45ece0dbxxxx1cdc624ad20da9fe62e9d25490f33xxxx',
    length: 524,
    repository: 'hello-world',
    tag: 'v1',
  },
  request: {
    id: '3cbb6949-7549-4fa1-xxxx-a6d5451dffc7',
    host: 'myregistry.azurecr.io',
    method: 'PUT',
    useragent: 'docker/17.09.0-ce go/go1.8.3 git-commit/afdb6d4 kernel/4.10.0-27-generic os/linux arch/amd64',
  },
};

describeReceiver({
  provider: 'azure-container-registry',
  create: ({ secret, ...options }) => azureContainerRegistry({ code: secret, ...options }),
  sign: ({ secret, body }) => createAzureContainerRegistryRequest({ code: secret, payload: push, body }),
  credential: 'code',
  event: { name: 'push', id: 'cb8c3971-9adc-488b-xxxx-43cbb4974ff5' },
  deliveryId: true,
  malformedBodies: ['not json', '[]', '{"id":"x"}'],
});

describe('azure container registry receiver', () => {
  it('delivers the portal ping as a `ping` event, and dedupes a repeated event id', async () => {
    const receiver = azureContainerRegistry({ code, dedupe: true });
    const seen: string[] = [];
    receiver.on('*', (event) => {
      seen.push(event.name);
    });
    const ping = createAzureContainerRegistryRequest({ code, payload: { action: 'ping', id: 'p1' } });
    await receiver.handle(ping);
    await receiver.handle(ping);
    await receiver.handle(createAzureContainerRegistryRequest({ code, payload: push }));
    expect(seen).toEqual(['ping', 'push']);
  });
});
