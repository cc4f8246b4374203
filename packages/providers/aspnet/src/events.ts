/** One notification as the sender's `NotificationDictionary` serialises it: `Action` plus its data. */
export interface AspNetNotification {
  Action: string;
  [field: string]: unknown;
}

/** The whole body an ASP.NET WebHooks sender posts. */
export interface AspNetWebHookBody {
  /** The work item id, the same on every retry. */
  Id: string;
  /** 1 on the first try, then 2, 3… */
  Attempt: number;
  /** The registration's properties. */
  Properties?: Record<string, unknown>;
  Notifications: AspNetNotification[];
}
