/** The user who triggered an event, as Box sends it (a mini user). */
export interface BoxUserMini {
  type: 'user';
  id: string;
  name?: string;
  login?: string;
}

/** The item an event is about: a file, a folder, a web link… (mini representation; more fields may appear). */
export interface BoxSourceItem {
  type: 'file' | 'folder' | 'web_link' | string;
  id: string;
  name?: string;
  [field: string]: unknown;
}

/** The body of every Box V2 webhook delivery. */
export interface BoxWebhookEvent<TTrigger extends string = string> {
  type: 'webhook_event';
  /** The event id; it stays the same when Box retries (the `BOX-DELIVERY-ID` header does not). */
  id: string;
  created_at: string;
  trigger: TTrigger;
  webhook: { id: string; type?: 'webhook' };
  created_by: BoxUserMini;
  source: BoxSourceItem;
  additional_info?: unknown;
}

/** Common Box triggers (from Box's list of webhook triggers). Any other trigger still arrives. */
export type BoxTrigger =
  | 'FILE.UPLOADED'
  | 'FILE.PREVIEWED'
  | 'FILE.DOWNLOADED'
  | 'FILE.TRASHED'
  | 'FILE.DELETED'
  | 'FILE.RESTORED'
  | 'FILE.COPIED'
  | 'FILE.MOVED'
  | 'FILE.LOCKED'
  | 'FILE.UNLOCKED'
  | 'FILE.RENAMED'
  | 'COMMENT.CREATED'
  | 'COMMENT.UPDATED'
  | 'COMMENT.DELETED'
  | 'TASK_ASSIGNMENT.CREATED'
  | 'TASK_ASSIGNMENT.UPDATED'
  | 'METADATA_INSTANCE.CREATED'
  | 'METADATA_INSTANCE.UPDATED'
  | 'METADATA_INSTANCE.DELETED'
  | 'FOLDER.CREATED'
  | 'FOLDER.RENAMED'
  | 'FOLDER.DOWNLOADED'
  | 'FOLDER.RESTORED'
  | 'FOLDER.DELETED'
  | 'FOLDER.COPIED'
  | 'FOLDER.MOVED'
  | 'FOLDER.TRASHED'
  | 'WEBHOOK.DELETED'
  | 'COLLABORATION.CREATED'
  | 'COLLABORATION.ACCEPTED'
  | 'COLLABORATION.REJECTED'
  | 'COLLABORATION.REMOVED'
  | 'COLLABORATION.UPDATED'
  | 'SHARED_LINK.DELETED'
  | 'SHARED_LINK.CREATED'
  | 'SHARED_LINK.UPDATED'
  | 'SIGN_REQUEST.COMPLETED'
  | 'SIGN_REQUEST.DECLINED'
  | 'SIGN_REQUEST.EXPIRED';

/** Payload types by Hookwire event name (the `trigger`). */
export type BoxEvents = { [T in BoxTrigger]: BoxWebhookEvent<T> };
