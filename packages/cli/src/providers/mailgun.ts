import { mailgun } from '@hookwire/mailgun';
import { signMailgunRequest } from '@hookwire/mailgun/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(event: string, extra: Record<string, unknown>) {
  return (context: SignContext) =>
    signMailgunRequest({
      secret: context.secret,
      url: context.url,
      timestamp: context.timestamp,
      eventData: payloadOf(context, {
        id: 'CPgfbmQMTCKtHW6uIWtuVe',
        timestamp: context.timestamp + 0.123,
        'log-level': 'info',
        event,
        recipient: 'alice@example.com',
        'recipient-domain': 'example.com',
        message: {
          headers: {
            to: 'Alice <alice@example.com>',
            'message-id': '20260302101500.1.2B3C4D5E6F@mg.example.com',
            from: 'Bob <bob@mg.example.com>',
            subject: 'Test delivered webhook',
          },
        },
        ...extra,
      }),
    });
}

const spec: ProviderSpec = {
  name: 'mailgun',
  secret: 'the HTTP webhook signing key',
  defaultSecret: 'dev-mailgun-secret',
  receiver: ({ secret, now, tolerance }) => mailgun({ secret, now, tolerance }),
  samples: {
    delivered: {
      description: 'a message delivered',
      sign: signed('delivered', { 'delivery-status': { code: 250, message: 'OK' } }),
    },
    failed: {
      description: 'a permanent failure',
      sign: signed('failed', {
        severity: 'permanent',
        reason: 'bounce',
        'delivery-status': { code: 550, message: 'No such user' },
      }),
    },
    opened: {
      description: 'a message opened',
      sign: signed('opened', { 'client-info': { 'client-type': 'browser' } }),
    },
  },
};

export default spec;
