import { azureContainerRegistry } from '@hookwire/azure-container-registry';
import { createAzureContainerRegistryRequest } from '@hookwire/azure-container-registry/testing';
import { describeReceiver } from '@hookwire/core/testing';
import { describe, expect, it } from 'vitest';
// The image push example of the ACR webhook reference.
import push from './fixtures/image-push.json' with { type: 'json' };

const code = '83699ec7c1d794c0c780e49a5c72972590571fd8';

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
