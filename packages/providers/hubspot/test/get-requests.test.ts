import { errorCodeOf } from '@hookwire/core/testing';
import { hubspot } from '@hookwire/hubspot';
import { signHubSpotRequest } from '@hookwire/hubspot/testing';
import { describe, expect, it } from 'vitest';

const secret = 'hubspot-client-secret';
const url = 'https://hooks.example.com/webhooks/hubspot?email=ada%40example.com&dealId=42';
const now = 1_700_000_000_000;
const receiver = hubspot({ secret, now: () => now });

describe('HubSpot workflow webhooks sent with GET', () => {
  it('verify with a v3 signature over the method, the URL and no body', async () => {
    const request = signHubSpotRequest({ secret, url, method: 'GET', timestamp: now });
    expect(request.body.length).toBe(0);
    const result = await receiver.receive(request);
    expect(result.type === 'event' && result.event.name).toBe('workflow.get');
    expect(result.type === 'event' && result.event.payload).toEqual({
      email: 'ada@example.com',
      dealId: '42',
    });
  });

  it('verify with a v2 signature (secret, method, URL, no body)', async () => {
    const request = signHubSpotRequest({ secret, url, method: 'GET', version: 'v2' });
    const response = await receiver.handle(request);
    expect(response.status).toBe(200);
  });

  it('refuse a GET signed as a POST, another URL or another secret', async () => {
    const asPost = signHubSpotRequest({ secret, url, method: 'POST', events: [], timestamp: now });
    const relabelled = { ...asPost, method: 'GET', body: new Uint8Array() };
    expect(await errorCodeOf(receiver.receive(relabelled))).toBe('signature_mismatch');
    const signed = signHubSpotRequest({ secret, url, method: 'GET', version: 'v2' });
    const otherUrl = { ...signed, url: url.replace('42', '43') };
    expect(await errorCodeOf(receiver.receive(otherUrl))).toBe('signature_mismatch');
    const other = signHubSpotRequest({ secret: 'another', url, method: 'GET', timestamp: now });
    expect(await errorCodeOf(receiver.receive(other))).toBe('signature_mismatch');
  });
});
