import { azureDevOps } from '@hookwire/azure-devops';
import { createAzureDevOpsRequest } from '@hookwire/azure-devops/testing';
import { CODE_HINT, devCode } from './code.js';
import { type ProviderSpec, payloadOf } from './spec.js';

const spec: ProviderSpec = {
  name: 'azure-devops',
  secret: CODE_HINT,
  defaultSecret: devCode('azure-devops'),
  receiver: ({ secret }) => azureDevOps({ code: secret }),
  samples: {
    'git.push': {
      description: 'code pushed to a repository',
      sign: (context) =>
        createAzureDevOpsRequest({
          code: context.secret,
          url: context.url,
          payload: payloadOf(context, {
            subscriptionId: '00000000-0000-0000-0000-000000000000',
            notificationId: 3,
            id: '03c164c2-8912-4d5e-8009-3707d5f83734',
            eventType: 'git.push',
            publisherId: 'tfs',
            message: { text: 'Jamal Hartnett pushed updates to Fabrikam-Fiber-Git:master.' },
            resource: {
              commits: [
                {
                  commitId: '33b55f7cb7e7e245323987634f960cf4a6e6bc74',
                  comment: 'Fixed bug in web.config file',
                },
              ],
              refUpdates: [
                { name: 'refs/heads/master', newObjectId: '33b55f7cb7e7e245323987634f960cf4a6e6bc74' },
              ],
              repository: { id: '278d5cd2-584d-4b63-824a-2ba458937249', name: 'Fabrikam-Fiber-Git' },
              pushedBy: { displayName: 'Jamal Hartnett', uniqueName: 'fabrikamfiber4@hotmail.com' },
            },
            createdDate: '2026-03-02T10:15:00.000Z',
          } as never),
        }),
    },
    'workitem.created': {
      description: 'a work item created',
      sign: (context) =>
        createAzureDevOpsRequest({
          code: context.secret,
          url: context.url,
          payload: payloadOf(context, {
            id: '27646e0e-b520-4d2b-9411-bba7524947cd',
            eventType: 'workitem.created',
            publisherId: 'tfs',
            message: { text: 'Bug #5 (Some great new idea!) created by Jamal Hartnett.' },
            resource: { id: 5, fields: { 'System.Title': 'Some great new idea!', 'System.State': 'New' } },
          } as never),
        }),
    },
  },
};

export default spec;
