import { parseRetrySchedule } from '@hookwire/core';
import { parseApiTokens } from '@hookwire/sender';

export type Role = 'all' | 'api' | 'worker';

export interface ServerConfig {
  port: number;
  /** A file path (SQLite) or a `postgres://` URL. */
  database: string;
  redisUrl?: string;
  role: Role;
  /** Bearer token → tenant. */
  apiTokens: Map<string, string>;
  /** True when the token came from the development default (printed at start). */
  devToken: boolean;
  /** The operator's bearer token; absent when tenant tokens are set and no operator token is. */
  operatorToken?: string;
  /** True when the operator token is the development default (printed at start). */
  devOperatorToken: boolean;
  allowPrivateNetwork: boolean;
  /** Seconds between delivery attempts of the sender. */
  retrySchedule: number[];
  /** Seconds between processing attempts of a received webhook; then it is `dead`. */
  inboxRetrySchedule: number[];
}

const DEFAULT_RETRY_SCHEDULE = '5,300,1800,7200,18000,36000,36000';

export const DEV_API_TOKEN = 'dev-token';
export const DEV_OPERATOR_TOKEN = 'dev-operator-token';
/** The tenant the server republishes received webhooks under, and the operator acts as. */
export const OPERATOR_TENANT = 'operator';

/** Reads the environment variables of DESIGN.md; a wrong value stops the start with a clear message. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number; got "${env.PORT}".`);
  const role = (env.HOOKWIRE_ROLE ?? 'all') as Role;
  if (!['all', 'api', 'worker'].includes(role)) {
    throw new Error(`HOOKWIRE_ROLE must be all, api or worker; got "${env.HOOKWIRE_ROLE}".`);
  }
  const allow = env.HOOKWIRE_ALLOW_PRIVATE_NETWORK ?? 'false';
  if (!['true', 'false'].includes(allow)) {
    throw new Error(`HOOKWIRE_ALLOW_PRIVATE_NETWORK must be true or false; got "${allow}".`);
  }
  const tokens = env.HOOKWIRE_API_TOKENS ? parseApiTokens(env.HOOKWIRE_API_TOKENS) : undefined;
  if (tokens && [...tokens.values()].includes(OPERATOR_TENANT)) {
    throw new Error(
      `HOOKWIRE_API_TOKENS: the tenant name "${OPERATOR_TENANT}" is the operator's (it receives the republished webhooks); name that tenant differently and use HOOKWIRE_OPERATOR_TOKEN for the operator.`,
    );
  }
  const operatorToken =
    env.HOOKWIRE_OPERATOR_TOKEN || (tokens === undefined ? DEV_OPERATOR_TOKEN : undefined);
  if (operatorToken !== undefined && tokens?.has(operatorToken)) {
    throw new Error(
      'HOOKWIRE_OPERATOR_TOKEN is also in HOOKWIRE_API_TOKENS; give the operator its own token.',
    );
  }
  return {
    port,
    database: env.HOOKWIRE_DATABASE || '.data/hookwire.db',
    ...(env.HOOKWIRE_REDIS_URL ? { redisUrl: env.HOOKWIRE_REDIS_URL } : {}),
    role,
    apiTokens: tokens ?? new Map([[DEV_API_TOKEN, 'dev']]),
    devToken: tokens === undefined,
    ...(operatorToken !== undefined ? { operatorToken } : {}),
    devOperatorToken: !env.HOOKWIRE_OPERATOR_TOKEN && operatorToken !== undefined,
    allowPrivateNetwork: allow === 'true',
    retrySchedule: schedule('HOOKWIRE_RETRY_SCHEDULE', env.HOOKWIRE_RETRY_SCHEDULE ?? DEFAULT_RETRY_SCHEDULE),
    inboxRetrySchedule: schedule(
      'HOOKWIRE_INBOX_RETRY_SCHEDULE',
      env.HOOKWIRE_INBOX_RETRY_SCHEDULE ?? env.HOOKWIRE_RETRY_SCHEDULE ?? DEFAULT_RETRY_SCHEDULE,
    ),
  };
}

function schedule(variable: string, text: string): number[] {
  try {
    return parseRetrySchedule(text);
  } catch (error) {
    throw new Error(`${variable}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
