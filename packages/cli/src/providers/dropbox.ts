import { dropbox } from '@hookwire/dropbox';
import { createDropboxChallengeRequest, signDropboxRequest } from '@hookwire/dropbox/testing';
import { type ProviderSpec, payloadOf } from './spec.js';

type Notification = Parameters<typeof signDropboxRequest>[0]['payload'];

const spec: ProviderSpec = {
  name: 'dropbox',
  secret: "the app's app secret",
  defaultSecret: 'dev-dropbox-secret',
  receiver: ({ secret }) => dropbox({ secret }),
  samples: {
    notification: {
      description: "files changed in a user's Dropbox",
      sign: (context) =>
        signDropboxRequest({
          secret: context.secret,
          url: context.url,
          payload: payloadOf(context, {
            list_folder: { accounts: ['dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc'] },
            delta: { users: [12345678] },
          } as Notification),
        }),
    },
    challenge: {
      description: 'the GET ?challenge= check when the webhook URL is added',
      sign: (context) => createDropboxChallengeRequest('dGhpcyBpcyBhIGNoYWxsZW5nZQ', context.url),
    },
  },
};

export default spec;
