import { normalizeCodes, verifyCodeParameter } from './code.js';
import {
  type BaseReceiverOptions,
  defineProvider,
  type EventMap,
  type ParseOutcome,
  type Receiver,
} from './receiver.js';
import type { WebhookRequest } from './types.js';

/** Options of a receiver authorised by the ASP.NET `?code=` query parameter. */
export interface CodeReceiverOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The secret in the webhook URL's `?code=` (32–128 characters); an array during a rotation. */
  code: string | string[];
}

export interface CodeProviderDefinition {
  /** Machine name (`kudu`); default: the title in lower case, words joined by `-`. */
  name?: string;
  /** Display name for messages (`Kudu`). */
  title: string;
  /** Reads the authorised request: one or more events, or a response. */
  parse(request: WebhookRequest): ParseOutcome;
}

/**
 * A receiver factory for a provider that signs nothing, so the registered URL carries a `?code=`
 * secret (checked in constant time, https only): only the reading of the body is the provider's.
 */
export function defineCodeProvider<
  TEvents extends EventMap = EventMap,
  TOptions extends CodeReceiverOptions = CodeReceiverOptions,
>(definition: CodeProviderDefinition): (options: TOptions) => Receiver<TEvents, TOptions> {
  const { title, parse } = definition;
  return defineProvider<TOptions, { codes: string[] }, TEvents>({
    name: definition.name,
    title,
    setup: (options) => ({ codes: normalizeCodes(options.code, title) }),
    verify: (request, { state }) => verifyCodeParameter(request, state.codes, title),
    parse: (request) => parse(request),
  });
}
