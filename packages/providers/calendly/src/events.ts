/** The body of every Calendly webhook. */
export interface CalendlyWebhook<TEvent extends string = string, TPayload = Record<string, unknown>> {
  event: TEvent;
  created_at: string;
  /** URI of the user or organization that created the subscription. */
  created_by: string;
  payload: TPayload;
}

export interface CalendlyInvitee {
  uri: string;
  email: string;
  name: string;
  first_name?: string | null;
  last_name?: string | null;
  status: 'active' | 'canceled';
  timezone?: string;
  event: string;
  created_at: string;
  updated_at: string;
  cancel_url: string;
  reschedule_url: string;
  rescheduled: boolean;
  old_invitee?: string | null;
  new_invitee?: string | null;
  questions_and_answers?: { question: string; answer: string; position: number }[];
  tracking?: Record<string, string | null>;
  scheduled_event?: {
    uri: string;
    name: string;
    start_time: string;
    end_time: string;
    status: string;
    [key: string]: unknown;
  };
  cancellation?: { canceled_by: string; reason: string | null; canceler_type: 'host' | 'invitee' };
  [key: string]: unknown;
}

export interface CalendlyNoShow {
  uri: string;
  invitee: string;
  created_at: string;
  [key: string]: unknown;
}

/** Payload types of Calendly's webhook events, keyed by `event`. */
export type CalendlyEvents = {
  'invitee.created': CalendlyWebhook<'invitee.created', CalendlyInvitee>;
  'invitee.canceled': CalendlyWebhook<'invitee.canceled', CalendlyInvitee>;
  'invitee_no_show.created': CalendlyWebhook<'invitee_no_show.created', CalendlyNoShow>;
  'invitee_no_show.deleted': CalendlyWebhook<'invitee_no_show.deleted', CalendlyNoShow>;
  'routing_form_submission.created': CalendlyWebhook<'routing_form_submission.created'>;
};

export type CalendlyEventName = keyof CalendlyEvents;
