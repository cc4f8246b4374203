import type { WebhookRequest } from '@hookwire/core';
import { payloadOf, type Sample, type SignContext } from './spec.js';

type SvixSigner = (input: {
  secret: string;
  payload?: unknown;
  timestamp?: number;
  url?: string;
}) => WebhookRequest;

/** A sample signed the Svix way (Clerk, Resend), with `{ type, data }` as the body. */
export function svixSample(sign: SvixSigner, description: string, type: string, data: unknown): Sample {
  return {
    description,
    sign: (context: SignContext) =>
      sign({
        secret: context.secret,
        url: context.url,
        timestamp: context.timestamp,
        payload: payloadOf(context, { type, object: 'event', data, timestamp: context.timestamp * 1000 }),
      }),
  };
}

/** `whsec_` + base64 of 32 bytes: the demo's development secret for Standard Webhooks, Clerk and Resend. */
export const DEV_STANDARD_SECRET = 'whsec_ZGV2LXN0YW5kYXJkLXdlYmhvb2tzLXNlY3JldC0zMmI=';
