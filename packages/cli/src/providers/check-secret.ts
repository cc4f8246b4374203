import { WebhookConfigError } from '@hookwire/core';
import { UsageError } from '../errors.js';
import type { ProviderSpec } from './spec.js';

/** Builds the receiver once, so a secret the provider cannot use is a usage error (exit 2), said up front. */
export async function checkSecret(spec: ProviderSpec, secret: string): Promise<void> {
  try {
    await spec.receiver({ secret, url: 'http://127.0.0.1/' });
  } catch (error) {
    if (error instanceof WebhookConfigError) {
      throw new UsageError(`--secret does not suit ${spec.name} (${spec.secret}): ${error.message}`);
    }
    throw error;
  }
}
