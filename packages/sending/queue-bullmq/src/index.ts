export {
  BullmqQueue,
  type BullmqQueueOptions,
  createBullmqQueue,
  type QueueCounts,
} from './bullmq-queue.js';
export { toConnection } from './connection.js';
