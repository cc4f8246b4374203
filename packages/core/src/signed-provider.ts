import { WebhookConfigError } from './errors.js';
import { type JsonEventSpec, jsonEventParser } from './json-event.js';
import {
  type BaseReceiverOptions,
  defineProvider,
  type EventMap,
  type ParseOutcome,
  type ProviderContext,
  type Receiver,
} from './receiver.js';
import { normalizeSecrets } from './secrets.js';
import { type SignatureHeaderOptions, verifySignatureHeader } from './signature-header.js';
import type { WebhookRequest, WebhookResponse } from './types.js';

/** Options of a receiver whose provider signs with a shared `secret`. */
export interface SecretReceiverOptions extends BaseReceiverOptions {
  /** The signing secret; an array accepts several during a rotation. */
  secret: string | string[];
}

/** A signature header spec; `algorithm` and `encoding` default to `sha256` and `hex`. */
export type SignatureSpec = Pick<SignatureHeaderOptions, 'header' | 'prefix' | 'hint'> &
  Partial<Pick<SignatureHeaderOptions, 'algorithm' | 'encoding'>>;

export interface SignedProviderDefinition<TOptions> {
  /** Machine name (`lemon-squeezy`); default: the title in lower case, words joined by `-`. */
  name?: string;
  /** Display name for messages (`Vercel`). */
  title: string;
  /** Default tolerance in seconds, where a timestamp is signed. */
  tolerance?: number;
  /**
   * The signature header: its name alone for the common case (hex HMAC-SHA256 of the raw body), or
   * with the algorithm, encoding (defaults `sha256`, `hex`) and an optional prefix.
   */
  signature?: string | SignatureSpec;
  /** A scheme of the provider's own instead of `signature` (a signed timestamp, several headers…). */
  verify?(request: WebhookRequest, ctx: ProviderContext<TOptions, SecretState>): void | Promise<void>;
  /** An unsigned handshake the provider sends (a challenge to echo), answered before verification. */
  handshake?(
    request: WebhookRequest,
    ctx: ProviderContext<TOptions, SecretState>,
  ): WebhookResponse | undefined;
  /**
   * What usually explains a missing signature header (appended to the `missing_header` message);
   * default "<title> signs every webhook; is this request from <title>?".
   */
  hint?: string;
  /** Where the JSON body keeps the event name and id: for one event per body, instead of `parse`. */
  event?: JsonEventSpec;
  /** Reads the verified request: one or more events, or a response (when `event` is not enough). */
  parse?(request: WebhookRequest, ctx: ProviderContext<TOptions, SecretState>): ParseOutcome;
}

/** What a signed provider's `verify` and `parse` find in `ctx.state`: the secrets, rotation included. */
export interface SecretState {
  secrets: string[];
}

/**
 * A receiver factory for a provider that signs with a shared `secret` (rotation included): by
 * default the most common scheme, one header holding an HMAC of the raw body; or the provider's
 * own `verify`. Only the reading of the body is the provider's.
 */
export function defineSignedProvider<
  TEvents extends EventMap = EventMap,
  TOptions extends SecretReceiverOptions = SecretReceiverOptions,
>(definition: SignedProviderDefinition<TOptions>): (options: TOptions) => Receiver<TEvents, TOptions> {
  const { title, signature, handshake } = definition;
  const parse = definition.parse ?? (definition.event && jsonEventParser(title, definition.event));
  if (!parse) throw new WebhookConfigError(`${title}: a signed provider needs \`event\` or \`parse\`.`);
  if (!signature === !definition.verify) {
    throw new WebhookConfigError(`${title}: a signed provider needs \`signature\` or \`verify\`, not both.`);
  }
  return defineProvider<TOptions, SecretState, TEvents>({
    name: definition.name,
    title,
    ...(definition.tolerance === undefined ? {} : { tolerance: definition.tolerance }),
    ...(handshake ? { handshake } : {}),
    setup: (options) => ({ secrets: normalizeSecrets(options.secret, title) }),
    verify: definition.verify ?? signatureVerifier(title, signature!, definition.hint),
    parse,
  });
}

function signatureVerifier(title: string, signature: string | SignatureSpec, hint: string | undefined) {
  const header = {
    algorithm: 'sha256' as const,
    encoding: 'hex' as const,
    hint: hint ?? `${title} signs every webhook; is this request from ${title}?`,
    ...(typeof signature === 'string' ? { header: signature } : signature),
  };
  return (request: WebhookRequest, { state }: { state: SecretState }) =>
    verifySignatureHeader(request, { ...header, secrets: state.secrets, provider: title });
}
