import { xero } from '@hookwire/xero';
import { signXeroRequest } from '@hookwire/xero/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

type Events = Parameters<typeof signXeroRequest>[0]['events'];

function signed(eventCategory: string, eventType: string) {
  return (context: SignContext) =>
    signXeroRequest({
      secret: context.secret,
      url: context.url,
      events: payloadOf(context, [
        {
          resourceUrl: 'https://api.xero.com/api.xro/2.0/Invoices/717f2bfc-c6d4-41fd-b238-3f2f0c0cf777',
          resourceId: '717f2bfc-c6d4-41fd-b238-3f2f0c0cf777',
          eventDateUtc: '2026-03-02T10:15:00.000',
          eventType,
          eventCategory,
          tenantId: 'c2cc9b6e-9458-4c7d-93cc-f02b81b0594f',
          tenantType: 'ORGANISATION',
        },
      ] as Events),
    });
}

const spec: ProviderSpec = {
  name: 'xero',
  secret: "the webhook's key",
  defaultSecret: 'dev-xero-secret',
  receiver: ({ secret }) => xero({ secret }),
  samples: {
    'INVOICE.UPDATE': { description: 'an invoice changed', sign: signed('INVOICE', 'UPDATE') },
    'CONTACT.CREATE': { description: 'a contact created', sign: signed('CONTACT', 'CREATE') },
    'intent-to-receive': {
      description: 'the empty, signed "intent to receive" check',
      sign: (context) => signXeroRequest({ secret: context.secret, url: context.url, events: [] }),
    },
  },
};

export default spec;
