import { readConfig } from '@hookwire/server';
import { startDemo } from './demo.js';

async function main(): Promise<void> {
  const demo = await startDemo(readConfig());
  const shutdown = async (signal: string) => {
    console.log(`[hookwire-demo] ${signal}: shutting down`);
    await demo.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`[hookwire-demo] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
