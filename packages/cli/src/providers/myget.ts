import { myGet } from '@hookwire/myget';
import { createMyGetRequest } from '@hookwire/myget/testing';
import { CODE_HINT, devCode } from './code.js';
import { type ProviderSpec, payloadOf } from './spec.js';

const spec: ProviderSpec = {
  name: 'myget',
  secret: CODE_HINT,
  defaultSecret: devCode('myget'),
  receiver: ({ secret }) => myGet({ code: secret }),
  samples: {
    PackageAddedWebHookEventPayloadV1: {
      description: 'a package added to a feed',
      sign: (context) =>
        createMyGetRequest({
          code: context.secret,
          url: context.url,
          payload: payloadOf(context, {
            Identifier: '7a9d9e6a-5b3b-4c1f-9d3e-2b1a0c9d8e7f',
            Username: 'maartenba',
            When: '2026-03-02T10:15:00.0000000Z',
            PayloadType: 'PackageAddedWebHookEventPayloadV1',
            Payload: {
              FeedIdentifier: 'sample-feed',
              FeedUrl: 'https://www.myget.org/F/sample-feed/',
              PackageType: 'NuGet',
              PackageIdentifier: 'GoogleAnalyticsTracker.Core',
              PackageVersion: '1.0.0-CI00002',
            },
          } as never),
        }),
    },
  },
};

export default spec;
