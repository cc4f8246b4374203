/** One System Log event, as event hooks deliver them (common fields; many more may be present). */
export interface OktaLogEvent<TType extends string = string> {
  uuid: string;
  published: string;
  eventType: TType;
  version: string;
  displayMessage?: string;
  severity: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  actor?: { id: string; type: string; alternateId?: string; displayName?: string };
  client?: Record<string, unknown>;
  outcome?: { result: string; reason?: string | null };
  target?: { id: string; type: string; alternateId?: string; displayName?: string }[] | null;
  transaction?: { type: string; id: string };
  debugContext?: { debugData?: Record<string, unknown> };
  authenticationContext?: Record<string, unknown>;
  securityContext?: Record<string, unknown>;
  [field: string]: unknown;
}

/** The body of an event hook delivery. */
export interface OktaEventHookDelivery {
  eventType: 'com.okta.event_hook';
  eventTypeVersion: string;
  cloudEventsVersion: string;
  source: string;
  eventId: string;
  eventTime: string;
  contentType: string;
  data: { events: OktaLogEvent[] };
}

/** Some event types event hooks commonly subscribe to; any other type still arrives. */
export type OktaEventType =
  | 'user.lifecycle.create'
  | 'user.lifecycle.activate'
  | 'user.lifecycle.deactivate'
  | 'user.lifecycle.suspend'
  | 'user.lifecycle.unsuspend'
  | 'user.lifecycle.delete.initiated'
  | 'user.account.update_profile'
  | 'user.account.lock'
  | 'user.session.start'
  | 'group.user_membership.add'
  | 'group.user_membership.remove'
  | 'application.user_membership.add'
  | 'application.user_membership.remove';

/** Payload types by Hookwire event name (each event's `eventType`). */
export type OktaEvents = { [T in OktaEventType]: OktaLogEvent<T> };
