import { mailchimp } from '@hookwire/mailchimp';
import { createMailchimpRequest, createMailchimpValidationRequest } from '@hookwire/mailchimp/testing';
import { CODE_HINT, devCode } from './code.js';
import type { ProviderSpec } from './spec.js';

type Fields = Parameters<typeof createMailchimpRequest>[0]['data'];

const spec: ProviderSpec = {
  name: 'mailchimp',
  secret: CODE_HINT,
  defaultSecret: devCode('mailchimp'),
  receiver: ({ secret }) => mailchimp({ code: secret }),
  samples: {
    subscribe: {
      description: 'someone subscribed to an audience (form-encoded)',
      sign: (context) =>
        createMailchimpRequest({
          code: context.secret,
          url: context.url,
          type: 'subscribe',
          firedAt: '2026-03-02 10:15:00',
          data:
            (context.data as Fields) ??
            ({
              id: '8a25ff1d98',
              list_id: 'a6b5da1054',
              email: 'api@mailchimp.com',
              email_type: 'html',
              ip_opt: '10.20.10.30',
              merges: { EMAIL: 'api@mailchimp.com', FNAME: 'Mailchimp', LNAME: 'API' },
            } as Fields),
        }),
    },
    unsubscribe: {
      description: 'someone unsubscribed',
      sign: (context) =>
        createMailchimpRequest({
          code: context.secret,
          url: context.url,
          type: 'unsubscribe',
          data: {
            action: 'unsub',
            reason: 'manual',
            id: '8a25ff1d98',
            list_id: 'a6b5da1054',
            email: 'api@mailchimp.com',
          } as Fields,
        }),
    },
    validation: {
      description: 'the GET Mailchimp makes when the webhook URL is saved',
      sign: (context) => createMailchimpValidationRequest({ code: context.secret, url: context.url }),
    },
  },
};

export default spec;
