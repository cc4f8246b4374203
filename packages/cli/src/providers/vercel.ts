import { vercel } from '@hookwire/vercel';
import { signVercelRequest } from '@hookwire/vercel/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(type: string, payload: unknown) {
  return (context: SignContext) =>
    signVercelRequest({
      secret: context.secret,
      url: context.url,
      type,
      id: 'uE8oXdc9Qw1mKMhGh7hVzR2T',
      payload: payloadOf(context, payload),
    });
}

const deployment = {
  id: 'dpl_2euZBFqxYdDMDG1jTrHpUpQv4XpA',
  url: 'hookwire-demo-3kd8.vercel.app',
  name: 'hookwire-demo',
  meta: { githubCommitRef: 'main' },
};

const spec: ProviderSpec = {
  name: 'vercel',
  secret: "the webhook's secret (or the integration's client secret)",
  defaultSecret: 'dev-vercel-secret',
  receiver: ({ secret }) => vercel({ secret }),
  samples: {
    'deployment.succeeded': {
      description: 'a deployment built and ready',
      sign: signed('deployment.succeeded', {
        team: { id: 'team_1a2b3c' },
        user: { id: 'user_4d5e6f' },
        deployment,
        target: 'production',
        project: { id: 'prj_7g8h9i' },
      }),
    },
    'deployment.error': {
      description: 'a deployment failed',
      sign: signed('deployment.error', { deployment, target: 'preview', project: { id: 'prj_7g8h9i' } }),
    },
  },
};

export default spec;
