import { defineProvider, type EventMap, type Receiver } from '@hookwire/core';
import type { StandardHeaderPrefix } from './headers.js';
import { prepareStandardKeys, type StandardKeys } from './keys.js';
import type { StandardWebhooksOptions } from './options.js';
import { parseStandardEvent } from './parse.js';
import { verifyStandardRequest } from './verify.js';

export interface StandardProviderFacts {
  /** Machine name (`clerk`), used in events and hub routes; default: the title in kebab case. */
  name?: string;
  /** Display name for messages (`Clerk`). */
  title: string;
  /** Header families in the order they are looked for. */
  headerPrefixes: readonly StandardHeaderPrefix[];
}

/**
 * A receiver factory for a provider that signs with Standard Webhooks (Svix-based ones such as
 * Clerk and Resend): only its name, title and header preference differ.
 */
export function defineStandardWebhooksProvider<
  TOptions extends StandardWebhooksOptions,
  TEvents extends EventMap = EventMap,
>(facts: StandardProviderFacts): (options: TOptions) => Receiver<TEvents, TOptions> {
  const prefixes = [...facts.headerPrefixes];
  return defineProvider<TOptions, StandardKeys, TEvents>({
    name: facts.name,
    title: facts.title,
    // The official libraries' window, applied both ways.
    tolerance: 300,
    setup: (options) => prepareStandardKeys(options, facts.title),
    verify: (request, ctx) => verifyStandardRequest(request, ctx, prefixes),
    parse: (request) => parseStandardEvent(request, facts.title, prefixes),
  });
}
