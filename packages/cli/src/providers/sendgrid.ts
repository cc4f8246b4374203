import { sendgrid } from '@hookwire/sendgrid';
import { signSendGridRequest } from '@hookwire/sendgrid/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';
import { p256FromSeed } from './test-keys.js';

const BASE64_DER = /^MF[A-Za-z0-9+/]{60,}={0,2}$/;

function signed(event: string, extra: Record<string, unknown>) {
  return (context: SignContext) =>
    signSendGridRequest({
      privateKey: p256FromSeed(context.secret, 'sendgrid').privateKey,
      url: context.url,
      timestamp: context.timestamp,
      events: payloadOf(context, [
        {
          email: 'example@test.com',
          timestamp: context.timestamp,
          'smtp-id': '<14c5d75ce93.dfd.64b469@ismtpd-555>',
          event,
          category: 'cat facts',
          sg_event_id: 'sg_event_id',
          sg_message_id: 'sg_message_id',
          ...extra,
        },
      ]),
    });
}

const spec: ProviderSpec = {
  name: 'sendgrid',
  secret:
    'the verification public key (base64 DER, MF…) to verify real events; any other value seeds a test key pair that trigger and listen share',
  defaultSecret: 'dev-sendgrid-secret',
  receiver: ({ secret, now, tolerance }) =>
    sendgrid({
      publicKey: BASE64_DER.test(secret)
        ? secret
        : (
            p256FromSeed(secret, 'sendgrid').publicKey.export({ format: 'der', type: 'spki' }) as Buffer
          ).toString('base64'),
      now,
      tolerance,
    }),
  samples: {
    delivered: { description: 'a message delivered', sign: signed('delivered', { response: '250 OK' }) },
    bounce: {
      description: 'a message bounced',
      sign: signed('bounce', { reason: '500 unknown recipient', status: '5.0.0', type: 'bounce' }),
    },
    open: {
      description: 'a message opened',
      sign: signed('open', { useragent: 'Mozilla/5.0', ip: '255.255.255.255' }),
    },
  },
};

export default spec;
