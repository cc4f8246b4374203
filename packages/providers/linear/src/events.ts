export type LinearAction = 'create' | 'update' | 'remove';

/** The body of a Linear data-change webhook. */
export interface LinearEntityWebhook<
  TType extends string = string,
  TAction extends string = LinearAction,
  TData = Record<string, unknown>,
> {
  action: TAction;
  type: TType;
  data: TData;
  /** Previous values of the fields an `update` changed. */
  updatedFrom?: Partial<TData> & Record<string, unknown>;
  url: string;
  actor?: {
    id: string;
    type: 'user' | 'OauthClient' | 'Integration';
    name?: string;
    email?: string;
    url?: string;
  };
  createdAt: string;
  organizationId: string;
  webhookId: string;
  /** Milliseconds since the epoch; signed, and checked against the tolerance. */
  webhookTimestamp: number;
}

export interface LinearIssue {
  id: string;
  identifier: string;
  number: number;
  title: string;
  description?: string | null;
  priority: number;
  priorityLabel: string;
  url: string;
  teamId: string;
  stateId: string;
  state?: { id: string; name: string; type: string; color: string };
  assigneeId?: string | null;
  labelIds: string[];
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

export interface LinearComment {
  id: string;
  body: string;
  issueId: string;
  userId?: string | null;
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

export interface LinearProject {
  id: string;
  name: string;
  description: string;
  state?: string;
  url: string;
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

type Entity<TType extends string, TData> = {
  [A in LinearAction as `${TType}.${A}`]: LinearEntityWebhook<TType, A, TData>;
};

/**
 * Payload types of Linear's common data-change webhooks, keyed `<type>.<action>` (`Issue.create`).
 * Other types (`Cycle`, `IssueLabel`, `Reaction`, `ProjectUpdate`, `Document`, `IssueSLA`…) arrive
 * with an `unknown` payload.
 */
export type LinearEvents = Entity<'Issue', LinearIssue> &
  Entity<'Comment', LinearComment> &
  Entity<'Project', LinearProject>;

export type LinearEventName = keyof LinearEvents;
