import {
  bodyText,
  isRecord,
  jsonResponse,
  WebhookError,
  type WebhookRequest,
  type WebhookResponse,
} from '@hookwire/core';
import type { NotionOptions } from './options.js';

/**
 * The token when the body is Notion's subscription verification request: a JSON object whose only
 * field is `verification_token`. Anything else is an event and must be signed.
 */
export function verificationToken(request: WebhookRequest): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(bodyText(request));
  } catch {
    return undefined;
  }
  if (!isRecord(body) || Object.keys(body).length !== 1) return undefined;
  return typeof body.verification_token === 'string' ? body.verification_token : undefined;
}

export async function answerVerification(
  token: string,
  request: WebhookRequest,
  onVerificationToken: NotionOptions['onVerificationToken'],
): Promise<WebhookResponse> {
  if (token.trim() === '') {
    throw new WebhookError(
      'malformed_body',
      'The Notion verification request has an empty `verification_token`.',
    );
  }
  if (onVerificationToken && (await onVerificationToken(token, request)) === false) {
    throw new WebhookError(
      'unauthorized',
      'This Notion verification token was refused by onVerificationToken.',
      {
        status: 403,
      },
    );
  }
  return jsonResponse(200, { ok: true });
}
