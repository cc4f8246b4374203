/**
 * Discord interaction and webhook event payloads (the fields most apps read; Discord sends more).
 * Snowflake ids are strings.
 */

type Extra = { [field: string]: unknown };

export interface DiscordUser extends Extra {
  id: string;
  username: string;
  global_name?: string | null;
  avatar?: string | null;
}

/** Interaction types, as Discord numbers them. */
export const InteractionType = {
  PING: 1,
  APPLICATION_COMMAND: 2,
  MESSAGE_COMPONENT: 3,
  APPLICATION_COMMAND_AUTOCOMPLETE: 4,
  MODAL_SUBMIT: 5,
} as const;

/** Interaction response types (what a handler returns as `type`). */
export const InteractionResponseType = {
  PONG: 1,
  CHANNEL_MESSAGE_WITH_SOURCE: 4,
  DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: 5,
  DEFERRED_UPDATE_MESSAGE: 6,
  UPDATE_MESSAGE: 7,
  APPLICATION_COMMAND_AUTOCOMPLETE_RESULT: 8,
  MODAL: 9,
} as const;

export interface DiscordInteraction<TType extends number = number, TData = Extra> extends Extra {
  id: string;
  application_id: string;
  type: TType;
  data?: TData;
  guild_id?: string;
  channel_id?: string;
  member?: Extra & { user?: DiscordUser };
  user?: DiscordUser;
  token: string;
  version: number;
  locale?: string;
}

export interface DiscordCommandData extends Extra {
  id: string;
  name: string;
  type: number;
  options?: (Extra & { name: string; type: number; value?: unknown })[];
}

export interface DiscordComponentData extends Extra {
  custom_id: string;
  component_type: number;
  values?: string[];
}

export interface DiscordModalData extends Extra {
  custom_id: string;
  components: Extra[];
}

/** The `event` object of a webhook event (the envelope's `version` and `application_id` are in `meta`). */
export interface DiscordWebhookEvent<TType extends string = string, TData = Extra> {
  type: TType;
  /** ISO 8601. */
  timestamp: string;
  data?: TData;
}

export interface DiscordEntitlement extends Extra {
  id: string;
  sku_id: string;
  application_id: string;
  user_id?: string;
  guild_id?: string;
  type: number;
  deleted: boolean;
  starts_at?: string | null;
  ends_at?: string | null;
}

export type DiscordEvents = {
  'interaction.application_command': DiscordInteraction<2, DiscordCommandData>;
  'interaction.message_component': DiscordInteraction<3, DiscordComponentData>;
  'interaction.application_command_autocomplete': DiscordInteraction<4, DiscordCommandData>;
  'interaction.modal_submit': DiscordInteraction<5, DiscordModalData>;
  APPLICATION_AUTHORIZED: DiscordWebhookEvent<
    'APPLICATION_AUTHORIZED',
    { integration_type?: number; user: DiscordUser; scopes: string[]; guild?: Extra }
  >;
  APPLICATION_DEAUTHORIZED: DiscordWebhookEvent<'APPLICATION_DEAUTHORIZED', { user: DiscordUser }>;
  ENTITLEMENT_CREATE: DiscordWebhookEvent<'ENTITLEMENT_CREATE', DiscordEntitlement>;
  QUEST_USER_ENROLLMENT: DiscordWebhookEvent<'QUEST_USER_ENROLLMENT'>;
};
