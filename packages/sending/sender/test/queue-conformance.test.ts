import { createMemoryStore } from '@hookwire/sender';
import { describeDeliveryQueue } from '@hookwire/sender/testing';

describeDeliveryQueue('memory store', () => {
  const store = createMemoryStore();
  return { store, queue: store.queue };
});
