import { type RunningServer, type ServerConfig, startServer } from '@hookwire/server';
import { failingHandlerSetup } from './fail-handler.js';

export type RunningDemo = RunningServer;

/**
 * The demo is @hookwire/server (the same wiring `hookwire serve` runs), plus one switch for its
 * walkthrough: `HOOKWIRE_DEMO_FAIL_HANDLER`.
 */
export function startDemo(
  config: ServerConfig,
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = (line) => console.log(`[hookwire-demo] ${line}`),
): Promise<RunningDemo> {
  const setup = failingHandlerSetup(env);
  return startServer(config, env, log, setup ? { setup } : {});
}
