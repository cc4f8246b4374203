import { typeform } from '@hookwire/typeform';
import { signTypeformRequest } from '@hookwire/typeform/testing';
import { type ProviderSpec, payloadOf } from './spec.js';

const spec: ProviderSpec = {
  name: 'typeform',
  secret: "the webhook's secret",
  defaultSecret: 'dev-typeform-secret',
  receiver: ({ secret }) => typeform({ secret }),
  samples: {
    form_response: {
      description: 'a form submitted',
      sign: (context) =>
        signTypeformRequest({
          secret: context.secret,
          url: context.url,
          eventType: 'form_response',
          eventId: '01HV8X2A3B4C5D6E7F8G9H0J1K',
          formResponse: payloadOf(context, {
            form_id: 'lT4Z3j',
            token: 'a3a12ec67a1365927098a606107fac15',
            submitted_at: '2026-03-02T10:15:00Z',
            definition: {
              id: 'lT4Z3j',
              title: 'Webhooks example',
              fields: [
                {
                  id: 'DlXFaesGBpoF',
                  title: 'Thanks, {{answer_60906475}}! What do you think?',
                  type: 'long_text',
                },
              ],
            },
            answers: [
              {
                type: 'text',
                text: 'It is silly, but I like it.',
                field: { id: 'DlXFaesGBpoF', type: 'long_text' },
              },
            ],
          }),
        }),
    },
  },
};

export default spec;
