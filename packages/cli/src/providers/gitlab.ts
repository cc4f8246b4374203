import { gitlab } from '@hookwire/gitlab';
import { signGitLabRequest } from '@hookwire/gitlab/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

const project = {
  id: 15,
  name: 'Diaspora',
  path_with_namespace: 'mike/diaspora',
  web_url: 'https://gitlab.example.com/mike/diaspora',
  default_branch: 'main',
};
const user = { id: 1, name: 'Administrator', username: 'root', email: 'admin@example.com' };

function signed(event: string, payload: unknown) {
  return (context: SignContext) =>
    signGitLabRequest({
      secret: context.secret,
      event,
      url: context.url,
      payload: payloadOf(context, payload),
    });
}

const spec: ProviderSpec = {
  name: 'gitlab',
  secret: "the webhook's secret token (X-Gitlab-Token)",
  defaultSecret: 'dev-gitlab-secret',
  receiver: ({ secret, now, tolerance }) => gitlab({ secret, now, tolerance }),
  samples: {
    'Push Hook': {
      description: 'commits pushed',
      sign: signed('Push Hook', {
        object_kind: 'push',
        event_name: 'push',
        before: '95790bf891e76fee5e1747ab589903a6a1f80f22',
        after: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
        ref: 'refs/heads/main',
        user_id: 4,
        user_name: 'John Smith',
        project_id: 15,
        project,
        commits: [
          {
            id: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
            message: 'fixed readme',
            timestamp: '2026-03-02T10:15:00+00:00',
            author: { name: 'GitLab dev user', email: 'gitlabdev@example.com' },
          },
        ],
        total_commits_count: 1,
      }),
    },
    'Merge Request Hook': {
      description: 'a merge request opened',
      sign: signed('Merge Request Hook', {
        object_kind: 'merge_request',
        event_type: 'merge_request',
        user,
        project,
        object_attributes: {
          id: 99,
          iid: 1,
          title: 'MS-Viewport',
          state: 'opened',
          action: 'open',
          source_branch: 'ms-viewport',
          target_branch: 'main',
        },
      }),
    },
    'Issue Hook': {
      description: 'an issue opened',
      sign: signed('Issue Hook', {
        object_kind: 'issue',
        event_type: 'issue',
        user,
        project,
        object_attributes: {
          id: 301,
          iid: 23,
          title: 'New API: create/update/delete file',
          state: 'opened',
          action: 'open',
        },
      }),
    },
  },
};

export default spec;
