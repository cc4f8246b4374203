/** The envelope of every Azure DevOps service hook ("Web Hooks" consumer, resource details "All"). */
export interface AzureDevOpsEvent<TResource = Record<string, unknown>, TType extends string = string> {
  subscriptionId: string;
  notificationId: number;
  /** The event id: the Hookwire event id. */
  id: string;
  /** `git.push`, `workitem.updated`, …: the Hookwire event name. */
  eventType: TType;
  publisherId: string;
  message?: { text: string; html: string; markdown: string };
  detailedMessage?: { text: string; html: string; markdown: string };
  resource: TResource;
  resourceVersion: string;
  resourceContainers: Partial<
    Record<'collection' | 'account' | 'project' | 'server', { id: string; baseUrl?: string }>
  >;
  createdDate: string;
}

export interface AzureDevOpsIdentity {
  id: string;
  displayName: string;
  uniqueName?: string;
  imageUrl?: string;
  url?: string;
}

export interface AzureDevOpsRepository {
  id: string;
  name: string;
  url: string;
  remoteUrl?: string;
  defaultBranch?: string;
  project: { id: string; name: string; url: string; state?: string };
}

export interface AzureDevOpsGitPush {
  pushId: number;
  date: string;
  url: string;
  pushedBy: AzureDevOpsIdentity;
  repository: AzureDevOpsRepository;
  refUpdates: { name: string; oldObjectId: string; newObjectId: string }[];
  commits: {
    commitId: string;
    comment: string;
    url: string;
    author: { name: string; email: string; date: string };
  }[];
}

export interface AzureDevOpsPullRequest {
  pullRequestId: number;
  status: string;
  title: string;
  description?: string;
  sourceRefName: string;
  targetRefName: string;
  mergeStatus?: string;
  createdBy: AzureDevOpsIdentity;
  creationDate: string;
  closedDate?: string;
  repository: AzureDevOpsRepository;
  reviewers?: (AzureDevOpsIdentity & { vote: number })[];
  url: string;
}

export interface AzureDevOpsBuild {
  id: number;
  buildNumber: string;
  status: string;
  result: string;
  queueTime: string;
  startTime: string;
  finishTime: string;
  url: string;
  definition: { id: number; name: string; url?: string };
  requestedFor?: AzureDevOpsIdentity;
  sourceBranch?: string;
  sourceVersion?: string;
}

export interface AzureDevOpsWorkItem {
  id: number;
  rev: number;
  /** For `workitem.updated`: the changed fields, `{ oldValue, newValue }` each. */
  fields: Record<string, unknown>;
  workItemId?: number;
  revision?: { id: number; rev: number; fields: Record<string, unknown> };
  url: string;
}

type Event<TType extends string, TResource> = AzureDevOpsEvent<TResource, TType>;

export type AzureDevOpsEvents = {
  'git.push': Event<'git.push', AzureDevOpsGitPush>;
  'git.pullrequest.created': Event<'git.pullrequest.created', AzureDevOpsPullRequest>;
  'git.pullrequest.updated': Event<'git.pullrequest.updated', AzureDevOpsPullRequest>;
  'git.pullrequest.merged': Event<'git.pullrequest.merged', AzureDevOpsPullRequest>;
  'build.complete': Event<'build.complete', AzureDevOpsBuild>;
  'workitem.created': Event<'workitem.created', AzureDevOpsWorkItem>;
  'workitem.updated': Event<'workitem.updated', AzureDevOpsWorkItem>;
  'workitem.deleted': Event<'workitem.deleted', AzureDevOpsWorkItem>;
  'workitem.restored': Event<'workitem.restored', AzureDevOpsWorkItem>;
  'workitem.commented': Event<'workitem.commented', AzureDevOpsWorkItem>;
};
