import { FailureError, UsageError } from '../errors.js';
import type { Io } from '../io.js';

export interface ServeOptions {
  port?: string;
}

/**
 * Runs Hookwire as a service: the same server as the demo (receivers behind the inbox, the sender,
 * the management API, the console), configured by the same environment variables. Loaded only
 * when asked for, so the other commands never open a database.
 */
export async function serve(io: Io, options: ServeOptions, stop: Promise<void>): Promise<number> {
  const env = { ...io.env };
  if (options.port !== undefined) {
    if (!/^\d+$/.test(options.port))
      throw new UsageError(`--port must be a port number; got "${options.port}".`);
    env.PORT = options.port;
  }
  const { readConfig, startServer } = await import('@hookwire/server');
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig(env);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const running = await startServer(config, env, (line) => io.out(`[hookwire] ${line}\n`)).catch(
    (error: unknown) => {
      throw new FailureError(
        `the server could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    },
  );
  await stop;
  io.out('[hookwire] shutting down\n');
  await running.close();
  return 0;
}
