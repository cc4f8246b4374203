/**
 * What a Dropbox notification says: only *who* has changes, never what changed. Call
 * `files/list_folder/continue` with your stored cursor for each account to learn the changes.
 */
export interface DropboxNotification {
  /** User apps: the account ids with changes (`dbid:…`). Team apps: team id → team member ids. */
  list_folder?: {
    accounts?: string[];
    teams?: Record<string, string[]>;
  };
  /** The same news in the retired v1 form (numeric user ids), still sent next to `list_folder`. */
  delta?: {
    users?: number[];
    teams?: Record<string, string[]>;
  };
  [key: string]: unknown;
}

/** Event names are the notification's top-level key; Dropbox's current API sends `list_folder`. */
export type DropboxEvents = {
  list_folder: DropboxNotification;
  delta: DropboxNotification;
};

export type DropboxEventName = keyof DropboxEvents;
