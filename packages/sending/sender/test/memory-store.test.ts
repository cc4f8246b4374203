import { createMemoryStore } from '@hookwire/sender';
import { describeSenderStore } from '@hookwire/sender/testing';

describeSenderStore('memory', () => createMemoryStore());
