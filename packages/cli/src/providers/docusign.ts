import { docusign } from '@hookwire/docusign';
import { signDocuSignRequest } from '@hookwire/docusign/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(event: string, status: string) {
  return (context: SignContext) =>
    signDocuSignRequest({
      secret: context.secret,
      url: context.url,
      event,
      data: payloadOf(context, {
        accountId: 'af0e3f6a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
        userId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
        envelopeId: '93be49ab-afa0-4adf-933c-f752070d71ec',
        envelopeSummary: {
          status,
          emailSubject: 'Please sign the contract',
          sentDateTime: '2026-03-02T10:15:00.000Z',
        },
      }),
    });
}

const spec: ProviderSpec = {
  name: 'docusign',
  secret: "the Connect configuration's HMAC key",
  defaultSecret: 'dev-docusign-secret',
  receiver: ({ secret }) => docusign({ secret }),
  samples: {
    'envelope-completed': {
      description: 'every recipient signed',
      sign: signed('envelope-completed', 'completed'),
    },
    'envelope-sent': { description: 'an envelope sent', sign: signed('envelope-sent', 'sent') },
  },
};

export default spec;
