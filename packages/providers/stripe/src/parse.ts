import { jsonEventParser } from '@hookwire/core';

/**
 * Reads the verified event: name from `type`, id (`evt_…`) from `id`, Stripe's context in `meta`
 * (`account` is set on events from connected accounts, Stripe Connect).
 */
export const parseStripeEvent = jsonEventParser('Stripe', {
  name: 'type',
  id: 'id',
  meta: ({ livemode, api_version, created, account }) => ({
    livemode,
    apiVersion: api_version,
    created,
    account,
  }),
});
