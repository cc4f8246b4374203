import { describeSenderStore } from '@hookwire/sender/testing';
import { createSqliteStore } from '@hookwire/store-sqlite';

describeSenderStore('sqlite', () => createSqliteStore({ path: ':memory:' }));
