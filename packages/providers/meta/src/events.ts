/** `entry[].changes[].value` of a WhatsApp Business `messages` notification. */
export interface WhatsAppMessagesValue {
  messaging_product: 'whatsapp';
  metadata: { display_phone_number: string; phone_number_id: string };
  contacts?: { profile: { name: string }; wa_id: string }[];
  messages?: WhatsAppMessage[];
  statuses?: {
    id: string;
    status: 'sent' | 'delivered' | 'read' | 'failed' | string;
    timestamp: string;
    recipient_id: string;
    conversation?: Record<string, unknown>;
    pricing?: Record<string, unknown>;
    errors?: { code: number; title: string; message?: string }[];
  }[];
  errors?: { code: number; title: string; message?: string }[];
}

export interface WhatsAppMessage {
  from: string;
  id: string;
  timestamp: string;
  type:
    | 'text'
    | 'image'
    | 'audio'
    | 'video'
    | 'document'
    | 'sticker'
    | 'location'
    | 'contacts'
    | 'interactive'
    | 'button'
    | 'reaction'
    | string;
  text?: { body: string };
  context?: { from: string; id: string };
  [kind: string]: unknown;
}

/** A Messenger / Instagram messaging item (`entry[].messaging[]`). */
export interface MetaMessagingItem {
  sender: { id: string };
  recipient: { id: string };
  timestamp: number;
  message?: {
    mid: string;
    text?: string;
    attachments?: { type: string; payload: Record<string, unknown> }[];
    quick_reply?: { payload: string };
    is_echo?: boolean;
    [field: string]: unknown;
  };
  postback?: { mid?: string; title: string; payload: string };
  reaction?: { mid: string; action: 'react' | 'unreact'; reaction?: string; emoji?: string };
  read?: { watermark: number };
  delivery?: { mids?: string[]; watermark: number };
  [field: string]: unknown;
}

/** `value` of a Page `feed` change. */
export interface PageFeedValue {
  item: string;
  verb: string;
  post_id?: string;
  comment_id?: string;
  parent_id?: string;
  from?: { id: string; name?: string };
  message?: string;
  created_time?: number;
  [field: string]: unknown;
}

/** `value` of an Instagram `comments` change. */
export interface InstagramCommentValue {
  id: string;
  text: string;
  from: { id: string; username: string };
  media: { id: string; media_product_type?: string };
  parent_id?: string;
}

/**
 * Payloads by Hookwire event name (`<object>.<field>`, `<object>.messaging`). Other objects and
 * fields still arrive, typed `unknown`.
 */
export type MetaEvents = {
  'whatsapp_business_account.messages': WhatsAppMessagesValue;
  'page.messaging': MetaMessagingItem;
  'page.standby': MetaMessagingItem;
  'page.feed': PageFeedValue;
  'instagram.messaging': MetaMessagingItem;
  'instagram.comments': InstagramCommentValue;
};
