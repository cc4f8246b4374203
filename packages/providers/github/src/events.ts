import type { components } from '@octokit/openapi-webhooks-types';

type Schemas = components['schemas'];

/**
 * Payload types of GitHub's common webhook events, from GitHub's own OpenAPI description
 * (@octokit/openapi-webhooks-types). Keys are Hookwire event names: the X-GitHub-Event header,
 * plus `.action` where the payload has one. Other events still arrive, typed `unknown`.
 */
export type GitHubEvents = {
  push: Schemas['webhook-push'];
  ping: Schemas['webhook-ping'];
  'pull_request.assigned': Schemas['webhook-pull-request-assigned'];
  'pull_request.auto_merge_disabled': Schemas['webhook-pull-request-auto-merge-disabled'];
  'pull_request.auto_merge_enabled': Schemas['webhook-pull-request-auto-merge-enabled'];
  'pull_request.closed': Schemas['webhook-pull-request-closed'];
  'pull_request.converted_to_draft': Schemas['webhook-pull-request-converted-to-draft'];
  'pull_request.demilestoned': Schemas['webhook-pull-request-demilestoned'];
  'pull_request.dequeued': Schemas['webhook-pull-request-dequeued'];
  'pull_request.edited': Schemas['webhook-pull-request-edited'];
  'pull_request.enqueued': Schemas['webhook-pull-request-enqueued'];
  'pull_request.labeled': Schemas['webhook-pull-request-labeled'];
  'pull_request.locked': Schemas['webhook-pull-request-locked'];
  'pull_request.milestoned': Schemas['webhook-pull-request-milestoned'];
  'pull_request.opened': Schemas['webhook-pull-request-opened'];
  'pull_request.ready_for_review': Schemas['webhook-pull-request-ready-for-review'];
  'pull_request.reopened': Schemas['webhook-pull-request-reopened'];
  'pull_request.stacked': Schemas['webhook-pull-request-stacked'];
  'pull_request.synchronize': Schemas['webhook-pull-request-synchronize'];
  'pull_request.unassigned': Schemas['webhook-pull-request-unassigned'];
  'pull_request.unlabeled': Schemas['webhook-pull-request-unlabeled'];
  'pull_request.unlocked': Schemas['webhook-pull-request-unlocked'];
  'issues.assigned': Schemas['webhook-issues-assigned'];
  'issues.closed': Schemas['webhook-issues-closed'];
  'issues.deleted': Schemas['webhook-issues-deleted'];
  'issues.demilestoned': Schemas['webhook-issues-demilestoned'];
  'issues.edited': Schemas['webhook-issues-edited'];
  'issues.field_added': Schemas['webhook-issues-field-added'];
  'issues.field_removed': Schemas['webhook-issues-field-removed'];
  'issues.labeled': Schemas['webhook-issues-labeled'];
  'issues.locked': Schemas['webhook-issues-locked'];
  'issues.milestoned': Schemas['webhook-issues-milestoned'];
  'issues.opened': Schemas['webhook-issues-opened'];
  'issues.pinned': Schemas['webhook-issues-pinned'];
  'issues.reopened': Schemas['webhook-issues-reopened'];
  'issues.transferred': Schemas['webhook-issues-transferred'];
  'issues.typed': Schemas['webhook-issues-typed'];
  'issues.unassigned': Schemas['webhook-issues-unassigned'];
  'issues.unlabeled': Schemas['webhook-issues-unlabeled'];
  'issues.unlocked': Schemas['webhook-issues-unlocked'];
  'issues.unpinned': Schemas['webhook-issues-unpinned'];
  'issues.untyped': Schemas['webhook-issues-untyped'];
  'issue_comment.created': Schemas['webhook-issue-comment-created'];
  'issue_comment.deleted': Schemas['webhook-issue-comment-deleted'];
  'issue_comment.edited': Schemas['webhook-issue-comment-edited'];
  'issue_comment.pinned': Schemas['webhook-issue-comment-pinned'];
  'issue_comment.unpinned': Schemas['webhook-issue-comment-unpinned'];
  'release.created': Schemas['webhook-release-created'];
  'release.deleted': Schemas['webhook-release-deleted'];
  'release.edited': Schemas['webhook-release-edited'];
  'release.prereleased': Schemas['webhook-release-prereleased'];
  'release.published': Schemas['webhook-release-published'];
  'release.released': Schemas['webhook-release-released'];
  'release.unpublished': Schemas['webhook-release-unpublished'];
  'workflow_run.completed': Schemas['webhook-workflow-run-completed'];
  'workflow_run.in_progress': Schemas['webhook-workflow-run-in-progress'];
  'workflow_run.requested': Schemas['webhook-workflow-run-requested'];
};

export type GitHubEventName = keyof GitHubEvents;
