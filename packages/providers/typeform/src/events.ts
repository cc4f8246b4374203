export interface TypeformAnswer {
  type: string;
  field: { id: string; type: string; ref?: string };
  text?: string;
  email?: string;
  number?: number;
  boolean?: boolean;
  date?: string;
  url?: string;
  file_url?: string;
  phone_number?: string;
  choice?: { id?: string; label: string; ref?: string; other?: string };
  choices?: { ids?: string[]; labels: string[]; refs?: string[]; other?: string };
  [key: string]: unknown;
}

export interface TypeformFormResponse {
  form_id: string;
  token: string;
  landed_at: string;
  submitted_at: string;
  hidden?: Record<string, string>;
  variables?: { key: string; type: string; number?: number; text?: string }[];
  calculated?: { score: number };
  definition: {
    id: string;
    title: string;
    fields: { id: string; title: string; type: string; ref?: string }[];
  };
  answers: TypeformAnswer[];
  ending?: { id: string; ref: string };
  [key: string]: unknown;
}

/** The body of a Typeform webhook. */
export interface TypeformWebhook<TType extends string = string> {
  event_id: string;
  event_type: TType;
  form_response: TypeformFormResponse;
}

/** Payload types of Typeform's webhook events, keyed by `event_type`. */
export type TypeformEvents = {
  form_response: TypeformWebhook<'form_response'>;
  /** Sent for partial responses when partial response webhooks are turned on. */
  form_response_partial: TypeformWebhook<'form_response_partial'>;
};

export type TypeformEventName = keyof TypeformEvents;
