import { createHash, randomUUID } from 'node:crypto';
import { createWebhookRequest, hmacBase64, type WebhookRequest } from '@hookwire/core';
import { sortedParamString } from './params.js';

export interface SignTwilioRequestInput {
  /** The Auth Token (or a SharedKey secret, with `algorithm`). */
  secret: string;
  /** The full URL Twilio requests, query string included. */
  url: string;
  /** Form parameters (the usual voice and messaging webhooks). */
  params?: Record<string, string | string[]>;
  /** A JSON body instead: `bodySHA256` is added to the URL and only the URL is signed. */
  json?: unknown;
  /** `GET` webhooks carry their parameters in the URL. */
  method?: 'POST' | 'GET';
  /** Sign as a SharedKey Webhook Setting does (adds `X-Twilio-Webhooks-Signature-Settings`). */
  algorithm?: 'HMAC_SHA1' | 'HMAC_SHA256';
  idempotencyToken?: string;
}

/** Builds a `WebhookRequest` signed as Twilio signs it, for testing your handlers. */
export function signTwilioRequest(input: SignTwilioRequestInput): WebhookRequest {
  const method = input.method ?? 'POST';
  let url = input.url;
  let body = '';
  let signed = url;
  const headers: Record<string, string> = {
    'i-twilio-idempotency-token': input.idempotencyToken ?? randomUUID(),
  };
  if (input.json !== undefined) {
    body = JSON.stringify(input.json);
    const hash = createHash('sha256').update(body).digest('hex');
    url += `${url.includes('?') ? '&' : '?'}bodySHA256=${hash}`;
    signed = url;
    headers['content-type'] = 'application/json';
  } else {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(input.params ?? {})) {
      for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
    }
    if (method === 'GET') {
      const query = form.toString();
      if (query) url += `${url.includes('?') ? '&' : '?'}${query}`;
      signed = url;
    } else {
      body = form.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
      signed += sortedParamString(form);
    }
  }
  const algorithm = input.algorithm === 'HMAC_SHA256' ? 'sha256' : 'sha1';
  headers['x-twilio-signature'] = hmacBase64(algorithm, input.secret, signed);
  if (input.algorithm) {
    headers['x-twilio-webhooks-signature-settings'] =
      `key=webhooks_sharedkey_test,algorithm=${input.algorithm}`;
  }
  return createWebhookRequest({ method, url, headers, body: method === 'GET' ? undefined : body });
}
