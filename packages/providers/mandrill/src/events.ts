/** Message event names Mandrill sends; sync events are named by their `type` instead. */
export type MandrillMessageEventName =
  | 'send'
  | 'deferral'
  | 'hard_bounce'
  | 'soft_bounce'
  | 'open'
  | 'click'
  | 'spam'
  | 'unsub'
  | 'reject';

/** An event about a sent message (`send`, `open`, `click`, `hard_bounce`…). */
export interface MandrillMessageEvent<TEvent extends string = MandrillMessageEventName> {
  event: TEvent;
  /** The message's id (shared by every event about that message). */
  _id: string;
  ts: number;
  msg: {
    _id: string;
    ts: number;
    email: string;
    sender: string;
    subject?: string;
    state?: string;
    tags?: string[];
    metadata?: Record<string, string>;
    opens?: { ts: number; ip?: string; location?: string; ua?: string }[];
    clicks?: { ts: number; url: string; ip?: string; location?: string; ua?: string }[];
    [field: string]: unknown;
  };
  url?: string;
  ip?: string;
  user_agent?: string;
  location?: Record<string, unknown>;
  user_agent_parsed?: Record<string, unknown>;
}

/** An inbound email routed to the webhook. */
export interface MandrillInboundEvent {
  event: 'inbound';
  ts: number;
  msg: Record<string, unknown>;
}

/** A change to the rejection (blacklist) or allow (whitelist) list. */
export interface MandrillSyncEvent<TType extends string = 'blacklist' | 'whitelist'> {
  type: TType;
  action: 'add' | 'remove' | 'change';
  ts: number;
  reject?: Record<string, unknown>;
  entry?: Record<string, unknown>;
}

/** Payload types by Hookwire event name (`event`, or a sync event's `type`). */
export type MandrillEvents = { [E in MandrillMessageEventName]: MandrillMessageEvent<E> } & {
  inbound: MandrillInboundEvent;
  blacklist: MandrillSyncEvent<'blacklist'>;
  whitelist: MandrillSyncEvent<'whitelist'>;
};
