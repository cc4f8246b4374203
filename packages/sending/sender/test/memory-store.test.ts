import { createMemoryStore } from '@hookwire/sender';
import { describeDeliveryQueue, describeSenderStore } from '@hookwire/sender/testing';

describeSenderStore('memory', () => createMemoryStore());

describeDeliveryQueue('memory store', () => {
  const store = createMemoryStore();
  return { store, queue: store.queue };
});
