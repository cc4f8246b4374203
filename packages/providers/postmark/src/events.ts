interface PostmarkRecord<TType extends string> {
  RecordType: TType;
  MessageID: string;
  MessageStream: string;
  ServerID?: number;
  Tag?: string;
  Metadata?: Record<string, string>;
}

export interface PostmarkDelivery extends PostmarkRecord<'Delivery'> {
  Recipient: string;
  DeliveredAt: string;
  Details: string;
}

export interface PostmarkBounce extends PostmarkRecord<'Bounce'> {
  /** The bounce id (use it with the Bounces API). */
  ID: number;
  Type: string;
  TypeCode: number;
  Name: string;
  Description: string;
  Details: string;
  Email: string;
  From: string;
  BouncedAt: string;
  Inactive: boolean;
  CanActivate: boolean;
  Subject: string;
  Content?: string;
}

export interface PostmarkSpamComplaint extends Omit<PostmarkBounce, 'RecordType'> {
  RecordType: 'SpamComplaint';
}

/** What an open and a click tell of the recipient's client. */
interface PostmarkEngagement<TType extends string> extends PostmarkRecord<TType> {
  Recipient: string;
  ReceivedAt: string;
  Platform: string;
  UserAgent: string;
  Client?: { Name: string; Company: string; Family: string };
  OS?: { Name: string; Company: string; Family: string };
  Geo?: Record<string, string>;
}

export interface PostmarkOpen extends PostmarkEngagement<'Open'> {
  FirstOpen: boolean;
  ReadSeconds: number;
}

export interface PostmarkClick extends PostmarkEngagement<'Click'> {
  ClickLocation: string;
  OriginalLink: string;
}

export interface PostmarkSubscriptionChange extends PostmarkRecord<'SubscriptionChange'> {
  Recipient: string;
  ChangedAt: string;
  Origin: string;
  SuppressSending: boolean;
  SuppressionReason: string | null;
}

/** An inbound message (the inbound webhook sends no `RecordType`). */
export interface PostmarkInbound {
  MessageID: string;
  MessageStream?: string;
  From: string;
  FromFull: { Email: string; Name: string };
  To: string;
  ToFull: { Email: string; Name: string; MailboxHash: string }[];
  Subject: string;
  Date: string;
  MailboxHash: string;
  TextBody: string;
  HtmlBody: string;
  StrippedTextReply: string;
  Headers: { Name: string; Value: string }[];
  Attachments: { Name: string; Content: string; ContentType: string; ContentLength: number }[];
  [key: string]: unknown;
}

/** Payload types of Postmark's webhooks, keyed by `RecordType` (`Inbound` for inbound messages). */
export type PostmarkEvents = {
  Delivery: PostmarkDelivery;
  Bounce: PostmarkBounce;
  SpamComplaint: PostmarkSpamComplaint;
  Open: PostmarkOpen;
  Click: PostmarkClick;
  SubscriptionChange: PostmarkSubscriptionChange;
  Inbound: PostmarkInbound;
};

export type PostmarkEventName = keyof PostmarkEvents;
