/**
 * Payloads of GitLab's common webhook events (the fields most integrations read; GitLab sends
 * more). Keys are `X-Gitlab-Event` values. Other events still arrive, typed `unknown`.
 */

type Extra = { [field: string]: unknown };

export interface GitLabUser extends Extra {
  id: number;
  name: string;
  username: string;
  email?: string;
}

export interface GitLabProject extends Extra {
  id: number;
  name: string;
  path_with_namespace: string;
  web_url: string;
  default_branch: string;
}

export interface GitLabCommit extends Extra {
  id: string;
  message: string;
  timestamp: string;
  url: string;
  author: { name: string; email: string };
}

export interface GitLabPushEvent extends Extra {
  object_kind: 'push' | 'tag_push';
  before: string;
  after: string;
  ref: string;
  checkout_sha: string | null;
  user_id: number;
  user_name: string;
  user_username: string;
  project_id: number;
  project: GitLabProject;
  commits: GitLabCommit[];
  total_commits_count: number;
}

/** What merge requests and issues share in `object_attributes`. */
export type GitLabIssuable = Extra & {
  id: number;
  iid: number;
  title: string;
  state: string;
  action?: string;
  url: string;
};

export interface GitLabMergeRequestEvent extends Extra {
  object_kind: 'merge_request';
  event_type: 'merge_request';
  user: GitLabUser;
  project: GitLabProject;
  object_attributes: GitLabIssuable & { source_branch: string; target_branch: string };
}

export interface GitLabIssueEvent extends Extra {
  object_kind: 'issue';
  event_type: 'issue' | 'confidential_issue';
  user: GitLabUser;
  project: GitLabProject;
  object_attributes: GitLabIssuable;
}

export interface GitLabNoteEvent extends Extra {
  object_kind: 'note';
  event_type: 'note' | 'confidential_note';
  user: GitLabUser;
  project: GitLabProject;
  object_attributes: Extra & { id: number; note: string; noteable_type: string; url: string };
}

export interface GitLabPipelineEvent extends Extra {
  object_kind: 'pipeline';
  user: GitLabUser;
  project: GitLabProject;
  object_attributes: Extra & {
    id: number;
    iid?: number;
    ref: string;
    sha: string;
    status: string;
    source: string;
  };
}

export interface GitLabJobEvent extends Extra {
  object_kind: 'build';
  ref: string;
  build_id: number;
  build_name: string;
  build_stage: string;
  build_status: string;
  pipeline_id: number;
  project_id: number;
}

export interface GitLabReleaseEvent extends Extra {
  object_kind: 'release';
  action: 'create' | 'update' | 'delete';
  tag: string;
  name: string;
  project: GitLabProject;
}

export type GitLabEvents = {
  'Push Hook': GitLabPushEvent;
  'Tag Push Hook': GitLabPushEvent;
  'Merge Request Hook': GitLabMergeRequestEvent;
  'Issue Hook': GitLabIssueEvent;
  'Confidential Issue Hook': GitLabIssueEvent;
  'Note Hook': GitLabNoteEvent;
  'Confidential Note Hook': GitLabNoteEvent;
  'Pipeline Hook': GitLabPipelineEvent;
  'Job Hook': GitLabJobEvent;
  'Release Hook': GitLabReleaseEvent;
};
