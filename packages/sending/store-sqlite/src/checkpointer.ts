import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** How often the background connection copies the WAL into the database file. */
const CHECKPOINT_INTERVAL_MS = 250;

// Runs in a worker thread with its own connection to the same file. PASSIVE never waits for
// (nor blocks) the store's writers and readers.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

function sqliteModulePath(): string | undefined {
  try {
    // import.meta.url in the ES module build; the CommonJS build has no import.meta but __filename.
    const base = import.meta.url ?? __filename;
    return createRequire(base).resolve('better-sqlite3');
  } catch {
    return undefined;
  }
}

/**
 * Moves WAL checkpoints off the main thread. SQLite's automatic checkpoint runs inside the commit
 * that crosses 1000 WAL pages, so one large transaction (a fan-out to thousands of subscriptions)
 * also paid for copying the whole WAL into the database, tens of milliseconds with the event loop
 * blocked. When the background thread cannot start, automatic checkpoints stay on.
 */
export class BackgroundCheckpointer {
  private worker: Worker | undefined;

  constructor(db: Database.Database, path: string) {
    const sqlite = sqliteModulePath();
    if (!sqlite) return;
    try {
      this.worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { sqlite, path, intervalMs: CHECKPOINT_INTERVAL_MS },
      });
    } catch {
      return;
    }
    this.worker.unref();
    db.pragma('wal_autocheckpoint = 0');
    this.worker.on('error', () => {
      this.worker = undefined;
      if (db.open) db.pragma('wal_autocheckpoint = 1000');
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.ref(); // otherwise an otherwise idle process would not wait for the exit
    worker.postMessage('close');
    await exited;
  }
}
