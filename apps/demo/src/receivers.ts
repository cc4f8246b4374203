import { createHub, type WebhookHub } from '@hookwire/core';
import { github } from '@hookwire/github';
import { standardWebhooks } from '@hookwire/standard-webhooks';
import { stripe } from '@hookwire/stripe';

/** A secret from `HOOKWIRE_SECRET_<NAME>`, or a development default that the start-up banner lists. */
export class Secrets {
  readonly defaulted: string[] = [];
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  get(name: string, devDefault: string): string {
    const key = `HOOKWIRE_SECRET_${name.toUpperCase().replace(/-/g, '_')}`;
    const value = this.env[key];
    if (value) return value;
    this.defaulted.push(key);
    return devDefault;
  }
}

/** The development secret of a provider: predictable, so the README's curl examples can sign with it. */
export const devSecret = (name: string) => `dev-${name}-secret`;
export const DEV_STANDARD_SECRET = 'whsec_ZGV2LXN0YW5kYXJkLXdlYmhvb2tzLXNlY3JldC0zMmI=';

/** Every receiver the demo mounts at `/webhooks/:provider/:id?`. */
export function createReceivers(secrets: Secrets): WebhookHub {
  return createHub({
    github: github({ secret: secrets.get('github', devSecret('github')) }),
    stripe: stripe({ secret: secrets.get('stripe', `whsec_${devSecret('stripe')}`) }),
    'standard-webhooks': standardWebhooks({ secret: secrets.get('standard-webhooks', DEV_STANDARD_SECRET) }),
  });
}
