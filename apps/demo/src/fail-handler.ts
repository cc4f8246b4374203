import { matchesAnyFilter } from '@hookwire/core';
import { eventTypeOf, type ServerParts } from '@hookwire/server';

/**
 * `HOOKWIRE_DEMO_FAIL_HANDLER=github.push` (or `github.*`, or a comma-separated list): a handler of
 * received webhooks that throws for those event types, so the README's walkthrough can show a
 * stored webhook being retried, going dead, and being replayed once the demo runs without it.
 */
export function failingHandlerSetup(env: NodeJS.ProcessEnv): ((parts: ServerParts) => void) | undefined {
  const setting = env.HOOKWIRE_DEMO_FAIL_HANDLER?.trim();
  if (!setting) return undefined;
  const filters = setting
    .split(',')
    .map((filter) => filter.trim())
    .filter(Boolean);
  return ({ inbox, log }) => {
    log(
      `HOOKWIRE_DEMO_FAIL_HANDLER=${setting}: a demo handler fails on purpose for ${filters.join(', ')}; restart without it to fix the handler`,
    );
    inbox.onAny((event) => {
      const type = eventTypeOf(event.provider, event.name);
      if (matchesAnyFilter(filters, type)) {
        throw new Error(
          `The demo handler fails for ${type} on purpose (HOOKWIRE_DEMO_FAIL_HANDLER=${setting}). Restart the demo without that variable, then replay the event.`,
        );
      }
    });
  };
}
