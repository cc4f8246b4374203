import { aspnet } from '@hookwire/aspnet';
import { createAspNetEchoRequest, signAspNetRequest } from '@hookwire/aspnet/testing';
import { type ProviderSpec, payloadOf } from './spec.js';

const spec: ProviderSpec = {
  name: 'aspnet',
  secret: 'the shared secret of the ASP.NET WebHooks sender',
  defaultSecret: 'dev-aspnet-secret',
  receiver: ({ secret }) => aspnet({ secret }),
  samples: {
    'order.created': {
      description: 'a custom notification from an ASP.NET WebHooks sender',
      sign: (context) =>
        signAspNetRequest({
          secret: context.secret,
          url: context.url,
          notifications: payloadOf(context, [{ Action: 'order.created', OrderId: 6735, Total: 42.5 }]),
        }),
    },
    echo: {
      description: 'the GET ?echo= check a sender makes when the webhook is registered',
      sign: (context) => createAspNetEchoRequest({ url: context.url }),
    },
  },
};

export default spec;
