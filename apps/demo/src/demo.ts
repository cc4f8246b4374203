import { type RunningServer, type ServerConfig, startServer } from '@hookwire/server';

export type RunningDemo = RunningServer;

/** The demo is @hookwire/server as it is: the same wiring `hookwire serve` runs. */
export function startDemo(
  config: ServerConfig,
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = (line) => console.log(`[hookwire-demo] ${line}`),
): Promise<RunningDemo> {
  return startServer(config, env, log);
}
