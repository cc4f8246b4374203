import { genericJson } from '@hookwire/generic-json';
import { createGenericJsonRequest } from '@hookwire/generic-json/testing';
import { CODE_HINT, devCode } from './code.js';
import { type ProviderSpec, payloadOf } from './spec.js';

const spec: ProviderSpec = {
  name: 'generic-json',
  secret: CODE_HINT,
  defaultSecret: devCode('generic-json'),
  receiver: ({ secret }) => genericJson({ code: secret }),
  samples: {
    change: {
      description: 'any JSON body, named by the ?action= query parameter',
      sign: (context) =>
        createGenericJsonRequest({
          code: context.secret,
          url: context.url,
          action: 'change',
          payload: payloadOf(context, { id: 'item-42', status: 'updated', at: '2026-03-02T10:15:00Z' }),
        }),
    },
  },
};

export default spec;
