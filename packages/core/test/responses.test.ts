import {
  defineProvider,
  errorResponse,
  isWebhookResponse,
  parseRetrySchedule,
  WebhookConfigError,
  WebhookError,
  webhookErrorResponse,
} from '@hookwire/core';
import { describe, expect, it } from 'vitest';

describe('error responses', () => {
  it('have one body shape', () => {
    const response = errorResponse(409, 'conflict', 'Taken.', { 'x-a': '1' });
    expect(response.status).toBe(409);
    expect(response.headers).toEqual({ 'content-type': 'application/json', 'x-a': '1' });
    expect(JSON.parse(String(response.body))).toEqual({ error: { code: 'conflict', message: 'Taken.' } });
  });

  it('keep a WebhookError status and code, and hide anything else behind a 500', () => {
    const known = webhookErrorResponse(new WebhookError('signature_mismatch', 'No match.'));
    expect(known.status).toBe(401);
    expect(JSON.parse(String(known.body)).error.code).toBe('signature_mismatch');
    const unknown = webhookErrorResponse(new Error('secret internals'));
    expect(unknown.status).toBe(500);
    expect(String(unknown.body)).not.toContain('secret internals');
  });

  it('recognise a full response', () => {
    expect(isWebhookResponse({ status: 204 })).toBe(true);
    expect(isWebhookResponse({ status: '204' })).toBe(false);
    expect(isWebhookResponse(null)).toBe(false);
  });
});

describe('configuration mistakes', () => {
  it('throw WebhookConfigError', () => {
    expect(() => parseRetrySchedule('5,,x')).toThrow(WebhookConfigError);
    const factory = defineProvider({
      name: 'x',
      title: 'X',
      setup: () => undefined,
      verify: () => {},
      parse: () => ({ name: 'x', payload: null }),
    });
    expect(() => factory({ tolerance: 0 })).toThrow(WebhookConfigError);
  });
});
