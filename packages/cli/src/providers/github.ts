import { github } from '@hookwire/github';
import { signGitHubRequest } from '@hookwire/github/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

const repository = {
  id: 1296269,
  node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
  name: 'hello-world',
  full_name: 'octo-org/hello-world',
  private: false,
  owner: { login: 'octo-org', id: 6811672, type: 'Organization' },
  html_url: 'https://github.com/octo-org/hello-world',
  default_branch: 'main',
};
const sender = { login: 'octocat', id: 583231, type: 'User' };

function signed(event: string, payload: unknown) {
  return (context: SignContext) =>
    signGitHubRequest({
      secret: context.secret,
      event,
      url: context.url,
      payload: payloadOf(context, payload),
    });
}

const spec: ProviderSpec = {
  name: 'github',
  secret: 'the webhook secret',
  defaultSecret: 'dev-github-secret',
  receiver: ({ secret }) => github({ secret }),
  samples: {
    push: {
      description: 'commits pushed to a branch',
      sign: signed('push', {
        ref: 'refs/heads/main',
        before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
        after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
        created: false,
        deleted: false,
        forced: false,
        compare: 'https://github.com/octo-org/hello-world/compare/6113728f27ae...0d1a26e67d8f',
        commits: [
          {
            id: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
            message: 'Fix the typo in the README',
            timestamp: '2026-03-02T10:15:00Z',
            author: { name: 'Mona Octocat', email: 'mona@example.com', username: 'octocat' },
            added: [],
            removed: [],
            modified: ['README.md'],
          },
        ],
        head_commit: {
          id: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
          message: 'Fix the typo in the README',
        },
        pusher: { name: 'octocat', email: 'mona@example.com' },
        repository,
        sender,
      }),
    },
    'issues.opened': {
      description: 'an issue opened',
      sign: signed('issues', {
        action: 'opened',
        issue: {
          id: 1,
          number: 1347,
          title: 'Found a bug',
          body: "I'm having a problem with this.",
          state: 'open',
          user: sender,
          labels: [{ id: 208045946, name: 'bug', color: 'f29513' }],
          html_url: 'https://github.com/octo-org/hello-world/issues/1347',
        },
        repository,
        sender,
      }),
    },
    'pull_request.opened': {
      description: 'a pull request opened',
      sign: signed('pull_request', {
        action: 'opened',
        number: 42,
        pull_request: {
          id: 279147437,
          number: 42,
          state: 'open',
          title: 'Add the retry schedule',
          user: sender,
          head: { ref: 'retry-schedule', sha: '4e2b1f0c9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f' },
          base: { ref: 'main', sha: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c' },
          draft: false,
          merged: false,
        },
        repository,
        sender,
      }),
    },
    'release.published': {
      description: 'a release published',
      sign: signed('release', {
        action: 'published',
        release: {
          id: 2,
          tag_name: 'v1.4.0',
          name: 'v1.4.0',
          draft: false,
          prerelease: false,
          author: sender,
        },
        repository,
        sender,
      }),
    },
    ping: {
      description: 'sent when the webhook is created',
      sign: signed('ping', {
        zen: 'Design for failure.',
        hook_id: 30,
        hook: { type: 'Repository', id: 30, active: true, events: ['push', 'issues'] },
        repository,
        sender,
      }),
    },
  },
};

export default spec;
