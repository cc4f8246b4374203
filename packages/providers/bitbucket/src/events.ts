/** Bitbucket Cloud's account entity, as embedded in payloads. */
export interface BitbucketCloudAccount {
  type: string;
  uuid: string;
  display_name: string;
  account_id?: string;
  nickname?: string;
  links?: Record<string, { href: string }>;
  [key: string]: unknown;
}

export interface BitbucketCloudRepository {
  type: 'repository';
  uuid: string;
  name: string;
  full_name: string;
  is_private?: boolean;
  workspace?: { slug: string; uuid: string; name?: string };
  project?: { key: string; uuid: string; name?: string };
  links?: Record<string, { href: string }>;
  [key: string]: unknown;
}

export interface BitbucketCloudPullRequest {
  id: number;
  title: string;
  description?: string;
  state: 'OPEN' | 'MERGED' | 'DECLINED' | 'SUPERSEDED';
  author: BitbucketCloudAccount;
  source: { branch: { name: string }; commit: { hash: string }; repository: BitbucketCloudRepository };
  destination: { branch: { name: string }; commit: { hash: string }; repository: BitbucketCloudRepository };
  created_on: string;
  updated_on: string;
  links?: Record<string, { href: string }>;
  [key: string]: unknown;
}

interface CloudRef {
  type: 'branch' | 'tag' | 'named_branch' | 'bookmark';
  name: string;
  target?: { hash: string; message?: string; date?: string; [key: string]: unknown };
}

export interface BitbucketCloudPush {
  actor: BitbucketCloudAccount;
  repository: BitbucketCloudRepository;
  push: {
    changes: {
      old: CloudRef | null;
      new: CloudRef | null;
      created: boolean;
      closed: boolean;
      forced: boolean;
      truncated?: boolean;
      commits?: { hash: string; message: string; [key: string]: unknown }[];
      [key: string]: unknown;
    }[];
  };
}

export interface BitbucketCloudPullRequestEvent {
  actor: BitbucketCloudAccount;
  repository: BitbucketCloudRepository;
  pullrequest: BitbucketCloudPullRequest;
  approval?: { date: string; user: BitbucketCloudAccount };
  comment?: { id: number; content: { raw: string; [key: string]: unknown }; [key: string]: unknown };
}

/** Bitbucket Data Center's user, repository and pull request entities. */
export interface BitbucketServerUser {
  name: string;
  emailAddress?: string;
  id: number;
  displayName: string;
  slug: string;
  type?: string;
  [key: string]: unknown;
}

export interface BitbucketServerRepository {
  slug: string;
  id: number;
  name: string;
  project: { key: string; id: number; name: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface BitbucketServerPullRequest {
  id: number;
  version: number;
  title: string;
  description?: string;
  state: 'OPEN' | 'MERGED' | 'DECLINED';
  fromRef: { id: string; displayId: string; latestCommit: string; repository: BitbucketServerRepository };
  toRef: { id: string; displayId: string; latestCommit: string; repository: BitbucketServerRepository };
  author: { user: BitbucketServerUser; role: string; approved: boolean; status: string };
  [key: string]: unknown;
}

export interface BitbucketServerRefsChanged {
  eventKey: 'repo:refs_changed';
  date: string;
  actor: BitbucketServerUser;
  repository: BitbucketServerRepository;
  changes: {
    ref: { id: string; displayId: string; type: 'BRANCH' | 'TAG' };
    refId: string;
    fromHash: string;
    toHash: string;
    type: 'ADD' | 'DELETE' | 'UPDATE';
  }[];
}

export interface BitbucketServerPullRequestEvent {
  eventKey: string;
  date: string;
  actor: BitbucketServerUser;
  pullRequest: BitbucketServerPullRequest;
  [key: string]: unknown;
}

/**
 * Payload types of common events, keyed by `X-Event-Key` exactly as Bitbucket sends it: Cloud
 * (`repo:push`, `pullrequest:*`) and Data Center (`repo:refs_changed`, `pr:*`,
 * `diagnostics:ping`). Other keys still arrive, typed `unknown`.
 */
export type BitbucketEvents = {
  'repo:push': BitbucketCloudPush;
  'pullrequest:created': BitbucketCloudPullRequestEvent;
  'pullrequest:updated': BitbucketCloudPullRequestEvent;
  'pullrequest:approved': BitbucketCloudPullRequestEvent;
  'pullrequest:unapproved': BitbucketCloudPullRequestEvent;
  'pullrequest:changes_request_created': BitbucketCloudPullRequestEvent;
  'pullrequest:fulfilled': BitbucketCloudPullRequestEvent;
  'pullrequest:rejected': BitbucketCloudPullRequestEvent;
  'pullrequest:comment_created': BitbucketCloudPullRequestEvent;
  'repo:refs_changed': BitbucketServerRefsChanged;
  'pr:opened': BitbucketServerPullRequestEvent;
  'pr:modified': BitbucketServerPullRequestEvent;
  'pr:from_ref_updated': BitbucketServerPullRequestEvent;
  'pr:merged': BitbucketServerPullRequestEvent;
  'pr:declined': BitbucketServerPullRequestEvent;
  'pr:deleted': BitbucketServerPullRequestEvent;
  'pr:reviewer:approved': BitbucketServerPullRequestEvent;
  'pr:comment:added': BitbucketServerPullRequestEvent;
  /** Data Center's "Test connection" button. */
  'diagnostics:ping': { test: boolean };
};

export type BitbucketEventName = keyof BitbucketEvents;
