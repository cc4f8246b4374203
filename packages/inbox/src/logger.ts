/** Where the inbox reports what it cannot answer with: failed writes, handler failures, store errors. */
export interface InboxLogger {
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

export const consoleLogger: InboxLogger = {
  warn: (message) => console.warn(message),
  error: (message, details) => console.error(message, details),
};
