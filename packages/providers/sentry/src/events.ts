/** The body of every Sentry integration platform webhook. */
export interface SentryWebhook<TAction extends string = string, TData = Record<string, unknown>> {
  action: TAction;
  installation: { uuid: string };
  data: TData;
  actor: { type: 'user' | 'application'; id: string | number; name: string };
}

export interface SentryIssue {
  id: string;
  shortId?: string;
  title: string;
  culprit?: string | null;
  level?: string;
  status?: string;
  permalink?: string | null;
  web_url?: string;
  project: { id: string; name: string; slug: string; platform?: string | null };
  [key: string]: unknown;
}

export interface SentryInstallation {
  uuid: string;
  status: 'pending' | 'installed';
  app: { uuid: string; slug: string };
  organization: { slug: string; id?: number };
  [key: string]: unknown;
}

type IssueData = { issue: SentryIssue };

/**
 * Payload types of Sentry's common webhooks, keyed `<Sentry-Hook-Resource>.<action>`. Other
 * resources (`preprod_artifact`, `seer`…) arrive with an `unknown` payload.
 */
export type SentryEvents = {
  'installation.created': SentryWebhook<'created', { installation: SentryInstallation }>;
  'installation.deleted': SentryWebhook<'deleted', { installation: SentryInstallation }>;
  'issue.created': SentryWebhook<'created', IssueData>;
  'issue.resolved': SentryWebhook<'resolved', IssueData>;
  'issue.assigned': SentryWebhook<'assigned', IssueData>;
  'issue.archived': SentryWebhook<'archived', IssueData>;
  'issue.unresolved': SentryWebhook<'unresolved', IssueData>;
  'error.created': SentryWebhook<'created', { error: Record<string, unknown> }>;
  'event_alert.triggered': SentryWebhook<
    'triggered',
    { event: Record<string, unknown>; triggered_rule: string }
  >;
  'metric_alert.critical': SentryWebhook<
    'critical',
    {
      metric_alert: Record<string, unknown>;
      description_text: string;
      description_title: string;
      web_url: string;
    }
  >;
  'metric_alert.warning': SentryWebhook<
    'warning',
    {
      metric_alert: Record<string, unknown>;
      description_text: string;
      description_title: string;
      web_url: string;
    }
  >;
  'metric_alert.resolved': SentryWebhook<
    'resolved',
    {
      metric_alert: Record<string, unknown>;
      description_text: string;
      description_title: string;
      web_url: string;
    }
  >;
  'comment.created': SentryWebhook<
    'created',
    { comment: string; comment_id: number; issue_id: number; project_slug: string; timestamp: string }
  >;
  'comment.updated': SentryWebhook<
    'updated',
    { comment: string; comment_id: number; issue_id: number; project_slug: string; timestamp: string }
  >;
  'comment.deleted': SentryWebhook<
    'deleted',
    { comment: string; comment_id: number; issue_id: number; project_slug: string; timestamp: string }
  >;
};

export type SentryEventName = keyof SentryEvents;
