import { kudu } from '@hookwire/kudu';
import { createKuduRequest } from '@hookwire/kudu/testing';
import { CODE_HINT, devCode } from './code.js';
import { type ProviderSpec, payloadOf } from './spec.js';

const spec: ProviderSpec = {
  name: 'kudu',
  secret: CODE_HINT,
  defaultSecret: devCode('kudu'),
  receiver: ({ secret }) => kudu({ code: secret }),
  samples: {
    deployment: {
      description: 'an App Service deployment finished',
      sign: (context) =>
        createKuduRequest({
          code: context.secret,
          url: context.url,
          payload: payloadOf(context, {
            id: 'cd5bee7181e74ea38a3522e73253f6ebb8ed72fb',
            status: 'success',
            statusText: '',
            authorEmail: 'henrik@example.com',
            author: 'Henrik',
            message: 'initial commit',
            deployer: 'Henrik',
            receivedTime: '2026-03-02T10:14:12.6364466Z',
            startTime: '2026-03-02T10:14:12.8120352Z',
            endTime: '2026-03-02T10:14:30.2231134Z',
            lastSuccessEndTime: '2026-03-02T10:14:30.2231134Z',
            complete: true,
            siteName: 'hookwire-demo',
          } as never),
        }),
    },
  },
};

export default spec;
