import { normalizeSecrets, WebhookConfigError } from '@hookwire/core';

// Stripe API keys: secret, restricted and publishable. Pasting one instead of the webhook signing
// secret is a common slip, and every request would then fail with a signature mismatch.
const API_KEY = /^(sk|rk|pk)_(live|test)_/;

export function prepareStripeSecrets(secret: string | string[] | undefined): string[] {
  const secrets = normalizeSecrets(secret, 'Stripe');
  for (const value of secrets) {
    if (API_KEY.test(value)) {
      throw new WebhookConfigError(
        `Stripe: \`secret\` is an API key (${value.slice(0, 8)}…), not the endpoint's webhook signing secret. Use the whsec_… secret shown for the endpoint in the Dashboard (or printed by \`stripe listen\`).`,
      );
    }
  }
  return secrets;
}
