/** A Jira user as webhooks carry it. */
export interface JiraUser {
  self?: string;
  accountId: string;
  displayName?: string;
  accountType?: string;
  active?: boolean;
  [field: string]: unknown;
}

/** A Jira issue as webhooks carry it (`fields` holds system and custom fields). */
export interface JiraIssue {
  id: string;
  self: string;
  key: string;
  fields: Record<string, unknown>;
}

/** The common envelope of Jira Cloud webhook bodies; other fields depend on the event. */
export interface JiraWebhookEvent<TEvent extends string = string> {
  timestamp: number;
  webhookEvent: TEvent;
  user?: JiraUser;
  issue_event_type_name?: string;
  issue?: JiraIssue;
  changelog?: {
    id: string;
    items: {
      field: string;
      fieldtype: string;
      from: string | null;
      fromString: string | null;
      to: string | null;
      toString: string | null;
    }[];
  };
  comment?: {
    id: string;
    self: string;
    body: unknown;
    author?: JiraUser;
    created?: string;
    updated?: string;
  };
  [field: string]: unknown;
}

export type JiraEventName =
  | 'jira:issue_created'
  | 'jira:issue_updated'
  | 'jira:issue_deleted'
  | 'comment_created'
  | 'comment_updated'
  | 'comment_deleted'
  | 'attachment_created'
  | 'attachment_deleted'
  | 'issuelink_created'
  | 'issuelink_deleted'
  | 'worklog_created'
  | 'worklog_updated'
  | 'worklog_deleted'
  | 'project_created'
  | 'project_updated'
  | 'project_deleted'
  | 'jira:version_released'
  | 'jira:version_created'
  | 'jira:version_updated'
  | 'jira:version_deleted'
  | 'sprint_created'
  | 'sprint_started'
  | 'sprint_closed'
  | 'sprint_updated'
  | 'sprint_deleted'
  | 'board_created'
  | 'board_updated'
  | 'board_deleted'
  | 'user_created'
  | 'user_updated'
  | 'user_deleted';

/** Payload types by Hookwire event name (the body's `webhookEvent`). */
export type JiraEvents = { [E in JiraEventName]: JiraWebhookEvent<E> };
