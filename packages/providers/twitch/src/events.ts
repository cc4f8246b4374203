/**
 * Twitch EventSub webhook payloads: `{ subscription, event }` for notifications (named by
 * subscription type), `{ subscription }` for revocations (named `revocation`).
 */

type Extra = { [field: string]: unknown };

export interface TwitchSubscription extends Extra {
  id: string;
  /** `enabled`, or for a revocation the reason: `user_removed`, `authorization_revoked`, `notification_failures_exceeded`, `version_removed`. */
  status: string;
  type: string;
  version: string;
  cost: number;
  condition: Record<string, string>;
  transport: { method: 'webhook'; callback: string };
  created_at: string;
}

export interface TwitchNotification<TEvent = Extra> {
  subscription: TwitchSubscription;
  event: TEvent;
}

interface Broadcaster {
  broadcaster_user_id: string;
  broadcaster_user_login: string;
  broadcaster_user_name: string;
}

interface User {
  user_id: string;
  user_login: string;
  user_name: string;
}

export type TwitchEvents = {
  'channel.follow': TwitchNotification<Broadcaster & User & { followed_at: string }>;
  'channel.subscribe': TwitchNotification<Broadcaster & User & { tier: string; is_gift: boolean }>;
  'channel.cheer': TwitchNotification<
    Broadcaster & Partial<User> & { is_anonymous: boolean; message: string; bits: number }
  >;
  'channel.raid': TwitchNotification<{
    from_broadcaster_user_id: string;
    from_broadcaster_user_login: string;
    from_broadcaster_user_name: string;
    to_broadcaster_user_id: string;
    to_broadcaster_user_login: string;
    to_broadcaster_user_name: string;
    viewers: number;
  }>;
  'channel.update': TwitchNotification<
    Broadcaster & { title: string; category_id: string; category_name: string }
  >;
  'stream.online': TwitchNotification<Broadcaster & { id: string; type: string; started_at: string }>;
  'stream.offline': TwitchNotification<Broadcaster>;
  'user.authorization.grant': TwitchNotification<User & { client_id: string }>;
  'user.authorization.revoke': TwitchNotification<Partial<User> & { client_id: string; user_id: string }>;
  revocation: { subscription: TwitchSubscription };
};
