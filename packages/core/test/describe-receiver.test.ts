import {
  checkTimestamp,
  createWebhookRequest,
  defineCodeProvider,
  defineProvider,
  hmacHex,
  jsonResponse,
  normalizeSecrets,
  parseJsonBody,
  parseUnixSeconds,
  requireHeader,
  type SecretReceiverOptions,
  verifyHmac,
} from '@hookwire/core';
import { describeReceiver } from '@hookwire/core/testing';

// A made-up provider with every facet: a signed timestamp, a GET handshake and a delivery id.
const acme = defineProvider<SecretReceiverOptions, { secrets: string[] }>({
  name: 'acme',
  title: 'Acme',
  setup: (options) => ({ secrets: normalizeSecrets(options.secret, 'Acme') }),
  handshake: (request) => (request.method === 'GET' ? jsonResponse(200, { challenge: 'ping' }) : undefined),
  verify(request, { state, now, tolerance }) {
    const timestamp = requireHeader(request, 'x-acme-timestamp');
    verifyHmac({
      algorithm: 'sha256',
      secrets: state.secrets,
      parts: [`${timestamp}.`, request.body],
      signatures: requireHeader(request, 'x-acme-signature'),
      encoding: 'hex',
      header: 'X-Acme-Signature',
      provider: 'Acme',
    });
    const timestampMs = parseUnixSeconds(timestamp, 'X-Acme-Timestamp');
    checkTimestamp({ timestampMs, nowMs: now(), toleranceSeconds: tolerance, header: 'X-Acme-Timestamp' });
  },
  parse: (request) => ({
    name: 'thing.done',
    id: requireHeader(request, 'x-acme-delivery'),
    payload: parseJsonBody(request, 'Acme'),
  }),
});

const sample = '{"thing":1}';
describeReceiver({
  provider: 'acme',
  create: acme,
  sign: ({ secret, timestamp, body = sample }) =>
    createWebhookRequest({
      body,
      headers: {
        'x-acme-delivery': 'd-1',
        'x-acme-timestamp': String(timestamp),
        'x-acme-signature': hmacHex('sha256', secret, `${timestamp}.`, body),
      },
    }),
  event: { name: 'thing.done', id: 'd-1', payload: { thing: 1 } },
  malformedBodies: ['{"thing":', 'not json'],
  signatureHeaders: ['X-Acme-Signature', 'X-Acme-Timestamp'],
  malformedSignature: { value: 'zz' },
  timestamp: { tolerance: 300 },
  handshakes: [
    {
      name: 'GET challenge',
      request: () => createWebhookRequest({ method: 'GET' }),
      response: {
        status: 200,
        body: '{"challenge":"ping"}',
        headers: { 'content-type': 'application/json' },
      },
    },
  ],
  deliveryId: true,
});

const coded = defineCodeProvider({
  name: 'coded',
  title: 'Coded',
  parse: (request) => ({ name: 'ping', payload: parseJsonBody(request, 'Coded') }),
});
describeReceiver({
  provider: 'coded',
  create: ({ secret, ...options }) => coded({ code: secret, ...options }),
  sign: ({ secret }) =>
    createWebhookRequest({ url: `https://example.com/hooks?code=${secret}`, body: '{"a":1}' }),
  credential: 'code',
  event: { name: 'ping' },
});
