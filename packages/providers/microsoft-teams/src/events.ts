/** A Bot Framework channel account, as Teams sends them. */
export interface TeamsChannelAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
}

/** The message activity Teams posts when someone mentions (`@`) the outgoing webhook in a channel. */
export interface TeamsMessageActivity {
  type: 'message';
  id: string;
  timestamp: string;
  localTimestamp?: string;
  serviceUrl: string;
  channelId: 'msteams' | string;
  from: TeamsChannelAccount;
  conversation: {
    id: string;
    isGroup?: boolean;
    conversationType?: string;
    name?: string;
    tenantId?: string;
  };
  recipient?: TeamsChannelAccount;
  /** HTML, including the `<at>Name</at>` mention of the webhook. */
  text: string;
  textFormat?: string;
  attachments?: unknown[];
  entities?: unknown[];
  channelData?: {
    teamsChannelId?: string;
    teamsTeamId?: string;
    channel?: { id: string; name?: string };
    team?: { id: string; name?: string };
    tenant?: { id: string };
    [field: string]: unknown;
  };
  replyToId?: string;
}

/** A reply a handler may return: text, or a whole message activity (cards, attachments). */
export type TeamsReply = string | ({ type?: 'message'; text?: string } & Record<string, unknown>);

/** Payload types by Hookwire event name (the activity `type`). */
export type MicrosoftTeamsEvents = { message: TeamsMessageActivity };
