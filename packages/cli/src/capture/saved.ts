import { normalizeHeaders, type WebhookRequest } from '@hookwire/core';

/** The JSON `listen` writes for every request: what `verify` and `replay` read back. */
export interface SavedRequest {
  hookwire: 'saved-request';
  version: 1;
  provider?: string;
  receivedAt?: string;
  verdict?: 'verified' | 'rejected' | 'handshake';
  error?: { code: string; message: string };
  method: string;
  url: string;
  /** As received: names keep their case, repeated headers stay repeated, in order. */
  headers: [string, string][];
  /** base64 of the exact body bytes. */
  body: string;
}

export function isSavedRequest(value: unknown): value is SavedRequest {
  return typeof value === 'object' && value !== null && (value as SavedRequest).hookwire === 'saved-request';
}

/** The receiving model of a captured request: lower-case names, repeated headers as arrays. */
export function toWebhookRequest(
  saved: Pick<SavedRequest, 'method' | 'url' | 'headers' | 'body'>,
): WebhookRequest {
  return {
    method: saved.method.toUpperCase(),
    url: saved.url,
    headers: normalizeHeaders(saved.headers),
    body: Buffer.from(saved.body, 'base64'),
  };
}
