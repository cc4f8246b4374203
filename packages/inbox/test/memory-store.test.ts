import { createMemoryInboxStore } from '@hookwire/inbox';
import { describeInboxStore } from '@hookwire/inbox/testing';

describeInboxStore('memory', () => createMemoryInboxStore());
