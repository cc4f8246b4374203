import { jira } from '@hookwire/jira';
import { signJiraRequest } from '@hookwire/jira/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

const user = { accountId: '5b10a2844c20165700ede21g', displayName: 'Mia Krystof', active: true };

function signed(event: string, payload: Record<string, unknown>) {
  return (context: SignContext) =>
    signJiraRequest({
      secret: context.secret,
      url: context.url,
      event,
      payload: payloadOf(context, payload),
    });
}

const spec: ProviderSpec = {
  name: 'jira',
  secret: "the admin webhook's secret",
  defaultSecret: 'dev-jira-secret',
  receiver: ({ secret }) => jira({ secret }),
  samples: {
    'jira:issue_created': {
      description: 'an issue created',
      sign: signed('jira:issue_created', {
        timestamp: 1772446500000,
        user,
        issue: {
          id: '10002',
          key: 'HW-2',
          fields: {
            summary: 'Retries stop after an hour',
            issuetype: { name: 'Bug' },
            priority: { name: 'High' },
            status: { name: 'To Do' },
          },
        },
      }),
    },
    comment_created: {
      description: 'a comment added to an issue',
      sign: signed('comment_created', {
        timestamp: 1772446500000,
        comment: { id: '10000', body: 'Reproduced on main.', author: user },
        issue: { id: '10002', key: 'HW-2', fields: { summary: 'Retries stop after an hour' } },
      }),
    },
  },
};

export default spec;
