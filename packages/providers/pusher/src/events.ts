/** The fields every Channels webhook event carries. */
interface PusherEventBase<TName extends string> {
  name: TName;
  channel: string;
  [key: string]: unknown;
}

export type PusherChannelOccupied = PusherEventBase<'channel_occupied'>;
export type PusherChannelVacated = PusherEventBase<'channel_vacated'>;
export interface PusherMemberAdded extends PusherEventBase<'member_added'> {
  user_id: string;
}
export interface PusherMemberRemoved extends PusherEventBase<'member_removed'> {
  user_id: string;
}
/** A client event triggered on a private or presence channel. */
export interface PusherClientEvent extends PusherEventBase<'client_event'> {
  /** The client event's name (`client-typing`). */
  event: string;
  /** The event data, as the client sent it (a string, usually JSON). */
  data: string;
  socket_id: string;
  /** Present on presence channels. */
  user_id?: string;
}
/** A client subscribed to a cache channel that had no cached event. */
export type PusherCacheMiss = PusherEventBase<'cache_miss'>;
export interface PusherSubscriptionCount extends PusherEventBase<'subscription_count'> {
  subscription_count: number;
}

/** The body Pusher posts: a signed creation time and one event (or several, with batch webhooks). */
export interface PusherWebhookBody {
  time_ms: number;
  events: { name: string; [key: string]: unknown }[];
}

/** Hookwire emits each element of `events` as its own event, named by its `name`. */
export type PusherEvents = {
  channel_occupied: PusherChannelOccupied;
  channel_vacated: PusherChannelVacated;
  member_added: PusherMemberAdded;
  member_removed: PusherMemberRemoved;
  client_event: PusherClientEvent;
  cache_miss: PusherCacheMiss;
  subscription_count: PusherSubscriptionCount;
};

export type PusherEventName = keyof PusherEvents;
