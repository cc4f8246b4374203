import { createWebhookRequest, publicRequestUrl, resolveAdapterOptions } from '@hookwire/core';
import { describe, expect, it } from 'vitest';

describe('one public-URL rule for adapters and providers', () => {
  it('does not double a path prefix when the adapter and the provider both set publicUrl', () => {
    const publicUrl = 'https://example.com/api';
    // A proxy strips /api; the adapter puts it back.
    const adapterUrl = resolveAdapterOptions('test', { publicUrl }).requestUrl(
      'http',
      'internal',
      '/hooks/t?x=1',
      {},
    );
    expect(adapterUrl).toBe('https://example.com/api/hooks/t?x=1');
    // The provider (Twilio, HubSpot, Mandrill) is given the same base: the URL stays the one signed.
    const request = createWebhookRequest({ url: adapterUrl });
    expect(publicRequestUrl(request, publicUrl)).toBe('https://example.com/api/hooks/t?x=1');
  });

  it('does not double a prefix that the proxy forwarded unchanged', () => {
    const { requestUrl } = resolveAdapterOptions('test', { publicUrl: 'https://example.com/api/' });
    expect(requestUrl('http', 'internal', '/api/hooks', {})).toBe('https://example.com/api/hooks');
    expect(requestUrl('http', 'internal', '/api', {})).toBe('https://example.com/api');
    // Only a whole path segment counts as the prefix.
    expect(requestUrl('http', 'internal', '/apiary', {})).toBe('https://example.com/api/apiary');
  });

  it('puts a missing prefix before the path, for a proxy that strips it', () => {
    const request = createWebhookRequest({ url: 'http://10.0.0.5:3000/hooks/t' });
    expect(publicRequestUrl(request, 'https://example.com/api')).toBe('https://example.com/api/hooks/t');
  });
});
