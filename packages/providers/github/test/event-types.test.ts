import type { GitHubEventName, GitHubEvents } from '@hookwire/github';
import { github } from '@hookwire/github';
import type { components } from '@octokit/openapi-webhooks-types';
import { describe, expectTypeOf, it } from 'vitest';

type Schemas = components['schemas'];

describe('GitHub event payload types', () => {
  it('cover every event of @octokit/openapi-webhooks-types, not only the common families', () => {
    expectTypeOf<GitHubEvents['workflow_run.completed']>().toEqualTypeOf<
      Schemas['webhook-workflow-run-completed']
    >();
    expectTypeOf<GitHubEvents['workflow_run.in_progress']>().toEqualTypeOf<
      Schemas['webhook-workflow-run-in-progress']
    >();
    expectTypeOf<GitHubEvents['branch_protection_configuration.disabled']>().toEqualTypeOf<
      Schemas['webhook-branch-protection-configuration-disabled']
    >();
    expectTypeOf<GitHubEvents['pull_request_review_comment.created']>().toEqualTypeOf<
      Schemas['webhook-pull-request-review-comment-created']
    >();
    expectTypeOf<GitHubEvents['security_and_analysis']>().toEqualTypeOf<
      Schemas['webhook-security-and-analysis']
    >();
    expectTypeOf<GitHubEvents['push']>().toEqualTypeOf<Schemas['webhook-push']>();
    expectTypeOf<'check_suite.completed'>().toExtend<GitHubEventName>();
    expectTypeOf<'workflow_run'>().not.toExtend<GitHubEventName>();
  });

  it('type the payload a handler receives', () => {
    const receiver = github({ secret: 'It is a secret' });
    receiver.on('workflow_run.completed', (event) => {
      expectTypeOf(event.payload.workflow_run.conclusion).toEqualTypeOf<
        Schemas['webhook-workflow-run-completed']['workflow_run']['conclusion']
      >();
      expectTypeOf(event.name).toEqualTypeOf<'workflow_run.completed'>();
    });
    receiver.on('deployment_status.created', (event) => {
      expectTypeOf(event.payload.deployment_status.state).toBeString();
    });
  });
});
