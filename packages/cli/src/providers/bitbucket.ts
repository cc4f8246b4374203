import { bitbucket } from '@hookwire/bitbucket';
import { signBitbucketRequest } from '@hookwire/bitbucket/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

const repository = {
  type: 'repository',
  full_name: 'team/hello-world',
  name: 'hello-world',
  uuid: '{5d0b7a7e-0c4d-4b3f-9a3e-1f2e3d4c5b6a}',
};
const actor = {
  type: 'user',
  display_name: 'Emma',
  uuid: '{a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d}',
  nickname: 'emma',
};

function signed(event: string, payload: unknown) {
  return (context: SignContext) =>
    signBitbucketRequest({
      secret: context.secret,
      event,
      url: context.url,
      payload: payloadOf(context, payload),
    });
}

const spec: ProviderSpec = {
  name: 'bitbucket',
  secret: 'the webhook secret',
  defaultSecret: 'dev-bitbucket-secret',
  receiver: ({ secret }) => bitbucket({ secret }),
  samples: {
    'repo:push': {
      description: 'commits pushed',
      sign: signed('repo:push', {
        actor,
        repository,
        push: {
          changes: [
            {
              new: {
                type: 'branch',
                name: 'main',
                target: { type: 'commit', hash: '709d658dc5b6d6afcd46049c2f332ee3f515a67d' },
              },
              old: {
                type: 'branch',
                name: 'main',
                target: { type: 'commit', hash: '1e65c05c1d5171631d92438a13901ca7dae9618c' },
              },
              created: false,
              closed: false,
              forced: false,
            },
          ],
        },
      }),
    },
    'pullrequest:created': {
      description: 'a pull request opened',
      sign: signed('pullrequest:created', {
        actor,
        repository,
        pullrequest: {
          id: 7,
          title: 'Add retries',
          state: 'OPEN',
          author: actor,
          source: { branch: { name: 'retries' } },
          destination: { branch: { name: 'main' } },
        },
      }),
    },
  },
};

export default spec;
