import { resolveAdapterOptions } from '@hookwire/core';
import { twilio } from '@hookwire/twilio';
import { signTwilioRequest } from '@hookwire/twilio/testing';
import { describe, expect, it } from 'vitest';

describe('twilio receiver behind a proxy that strips a path prefix', () => {
  it('verifies when the adapter and the receiver are both given the public base URL', async () => {
    const publicUrl = 'https://example.com/api';
    const signed = signTwilioRequest({
      secret: 'token',
      url: 'https://example.com/api/hooks/twilio?x=1',
      params: { From: '+1' },
    });
    // The server sees /hooks/twilio; the adapter rebuilds the public URL from its own publicUrl.
    const url = resolveAdapterOptions('test', { publicUrl }).requestUrl(
      'http',
      'internal',
      '/hooks/twilio?x=1',
      {},
    );
    const result = await twilio({ secret: 'token', publicUrl }).receive({ ...signed, url });
    expect(result.type).toBe('event');
  });
});
