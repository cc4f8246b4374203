/** Merge fields as Mailchimp posts them: `data[merges][FNAME]` → `merges.FNAME`. */
export interface MailchimpMerges {
  EMAIL?: string;
  FNAME?: string;
  LNAME?: string;
  INTERESTS?: string;
  /** `data[merges][GROUPINGS][0][name]` → `GROUPINGS['0'].name`. */
  GROUPINGS?: Record<string, { id?: string; unique_id?: string; name?: string; groups?: string }>;
  [field: string]: unknown;
}

/** The fields every audience webhook has; `fired_at` is `YYYY-MM-DD HH:MM:SS` (UTC, no zone). */
interface MailchimpWebhookBase<TType extends string, TData> {
  type: TType;
  fired_at: string;
  data: TData;
}

interface MemberData {
  id: string;
  list_id: string;
  email: string;
  email_type?: string;
  web_id?: string;
  ip_opt?: string;
  ip_signup?: string;
  merges?: MailchimpMerges;
  [key: string]: unknown;
}

export type MailchimpSubscribe = MailchimpWebhookBase<'subscribe', MemberData>;
export type MailchimpUnsubscribe = MailchimpWebhookBase<
  'unsubscribe',
  MemberData & { action: 'unsub' | 'delete'; reason?: string; campaign_id?: string }
>;
export type MailchimpProfile = MailchimpWebhookBase<'profile', MemberData>;
export type MailchimpEmailChanged = MailchimpWebhookBase<
  'upemail',
  { list_id: string; new_id: string; new_email: string; old_email: string; [key: string]: unknown }
>;
export type MailchimpCleaned = MailchimpWebhookBase<
  'cleaned',
  {
    list_id: string;
    campaign_id?: string;
    reason: 'hard' | 'abuse' | string;
    email: string;
    [key: string]: unknown;
  }
>;
export type MailchimpCampaign = MailchimpWebhookBase<
  'campaign',
  { id: string; subject: string; status: string; reason?: string; list_id: string; [key: string]: unknown }
>;

/** Event names are the form field `type`, exactly as Mailchimp sends it. */
export type MailchimpEvents = {
  subscribe: MailchimpSubscribe;
  unsubscribe: MailchimpUnsubscribe;
  profile: MailchimpProfile;
  upemail: MailchimpEmailChanged;
  cleaned: MailchimpCleaned;
  campaign: MailchimpCampaign;
};

export type MailchimpEventName = keyof MailchimpEvents;
