import { meta } from '@hookwire/meta';
import { createMetaVerificationRequest, signMetaRequest } from '@hookwire/meta/testing';
import { type ProviderSpec, payloadOf } from './spec.js';

/** The verify token `listen` accepts in the subscription handshake (the demo's development value). */
export const META_VERIFY_TOKEN = 'dev-meta-verify-token';

const spec: ProviderSpec = {
  name: 'meta',
  secret: "the app secret (the handshake's verify token is dev-meta-verify-token)",
  defaultSecret: 'dev-meta-secret',
  receiver: ({ secret }) => meta({ secret, verifyToken: META_VERIFY_TOKEN }),
  samples: {
    'whatsapp_business_account.messages': {
      description: 'a WhatsApp message received',
      sign: (context) =>
        signMetaRequest({
          secret: context.secret,
          url: context.url,
          payload: payloadOf(context, {
            object: 'whatsapp_business_account',
            entry: [
              {
                id: '102290129340398',
                changes: [
                  {
                    field: 'messages',
                    value: {
                      messaging_product: 'whatsapp',
                      metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                      contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
                      messages: [
                        {
                          from: '16505551234',
                          id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
                          timestamp: '1749416383',
                          type: 'text',
                          text: { body: 'Does it come in another color?' },
                        },
                      ],
                    },
                  },
                ],
              },
            ],
          }),
        }),
    },
    'page.feed': {
      description: 'a post on a Page',
      sign: (context) =>
        signMetaRequest({
          secret: context.secret,
          url: context.url,
          payload: payloadOf(context, {
            object: 'page',
            entry: [
              {
                id: '0',
                time: context.timestamp,
                changes: [
                  {
                    field: 'feed',
                    value: {
                      item: 'status',
                      verb: 'add',
                      post_id: '44444444_444444444',
                      message: 'Example post content.',
                    },
                  },
                ],
              },
            ],
          }),
        }),
    },
    verification: {
      description: 'the GET hub.challenge subscription handshake',
      sign: (context) =>
        createMetaVerificationRequest({
          verifyToken: META_VERIFY_TOKEN,
          challenge: '1158201444',
          url: context.url,
        }),
    },
  },
};

export default spec;
