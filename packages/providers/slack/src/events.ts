import type { AppRateLimitedEvent, SlackEvent, View } from '@slack/types';

/** The Events API envelope (`type: "event_callback"`) around one event from `@slack/types`. */
export interface SlackEventEnvelope<TEvent = SlackEvent> {
  type: 'event_callback';
  token: string;
  team_id: string;
  enterprise_id?: string;
  api_app_id: string;
  event: TEvent;
  event_id: string;
  event_time: number;
  event_context?: string;
  is_ext_shared_channel?: boolean;
  context_team_id?: string | null;
  context_enterprise_id?: string | null;
  authorizations?: {
    enterprise_id: string | null;
    team_id: string | null;
    user_id: string;
    is_bot: boolean;
    is_enterprise_install?: boolean;
  }[];
}

/** The form fields of a slash command, decoded. */
export interface SlackSlashCommand {
  token: string;
  command: string;
  text: string;
  response_url: string;
  trigger_id: string;
  user_id: string;
  user_name: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  api_app_id: string;
  enterprise_id?: string;
  enterprise_name?: string;
  is_enterprise_install?: string;
  [field: string]: string | undefined;
}

interface InteractionBase {
  token: string;
  api_app_id: string;
  team: { id: string; domain: string; enterprise_id?: string } | null;
  user: { id: string; name?: string; username?: string; team_id?: string };
  enterprise?: { id: string; name: string } | null;
  is_enterprise_install?: boolean;
}

export interface SlackBlockActions extends InteractionBase {
  type: 'block_actions';
  trigger_id: string;
  response_url?: string;
  container: Record<string, unknown>;
  channel?: { id: string; name: string };
  message?: Record<string, unknown>;
  view?: View & { id: string; state?: { values: Record<string, Record<string, unknown>> } };
  actions: { type: string; action_id: string; block_id: string; action_ts: string; value?: string }[];
  state?: { values: Record<string, Record<string, unknown>> };
}

export interface SlackViewSubmission extends InteractionBase {
  type: 'view_submission';
  trigger_id: string;
  view: View & {
    id: string;
    callback_id: string;
    state: { values: Record<string, Record<string, unknown>> };
  };
  response_urls?: { block_id: string; action_id: string; channel_id: string; response_url: string }[];
}

export interface SlackViewClosed extends InteractionBase {
  type: 'view_closed';
  view: View & { id: string; callback_id: string };
  is_cleared: boolean;
}

export interface SlackShortcut extends InteractionBase {
  type: 'shortcut';
  callback_id: string;
  trigger_id: string;
  action_ts: string;
}

export interface SlackMessageShortcut extends InteractionBase {
  type: 'message_action';
  callback_id: string;
  trigger_id: string;
  response_url: string;
  message_ts: string;
  message: Record<string, unknown>;
  channel: { id: string; name: string };
}

export interface SlackBlockSuggestion extends InteractionBase {
  type: 'block_suggestion';
  action_id: string;
  block_id: string;
  value: string;
  container: Record<string, unknown>;
}

type EventsApi = {
  [TType in Exclude<SlackEvent['type'], 'app_rate_limited'>]: SlackEventEnvelope<
    Extract<SlackEvent, { type: TType }>
  >;
};

/**
 * Payloads by Hookwire event name: Events API names (`app_mention`, `message`, …; the envelope,
 * with the event typed from `@slack/types`), slash commands by command (`/deploy`) and
 * interactivity by type. Other names still arrive, typed `unknown`.
 */
export type SlackEvents = EventsApi & {
  app_rate_limited: AppRateLimitedEvent;
  block_actions: SlackBlockActions;
  view_submission: SlackViewSubmission;
  view_closed: SlackViewClosed;
  shortcut: SlackShortcut;
  message_action: SlackMessageShortcut;
  block_suggestion: SlackBlockSuggestion;
} & { [command: `/${string}`]: SlackSlashCommand };
