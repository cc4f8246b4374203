import { checkSignedTimestamp, timestampWindow, type WebhookError } from '@hookwire/core';
import { describe, expect, it } from 'vitest';

const nowMs = 1_700_000_000_000;
const window = timestampWindow({ now: () => nowMs, tolerance: 300 });

describe('checkSignedTimestamp', () => {
  it('reads Unix seconds from a string and milliseconds from a number, inside the window', () => {
    expect(window).toEqual({ nowMs, toleranceSeconds: 300 });
    expect(checkSignedTimestamp(window, 'X-Timestamp', String(nowMs / 1000 - 299))).toBe(nowMs - 299_000);
    expect(checkSignedTimestamp(window, 'X-Timestamp', nowMs + 299_000)).toBe(nowMs + 299_000);
  });

  it('refuses a stale, a future and a malformed timestamp, naming the header', () => {
    const codeOf = (timestamp: string | number) => {
      try {
        checkSignedTimestamp(window, 'X-Timestamp', timestamp);
      } catch (error) {
        expect((error as WebhookError).message).toContain('X-Timestamp');
        return (error as WebhookError).code;
      }
      return 'accepted';
    };
    expect(codeOf(String(nowMs / 1000 - 301))).toBe('timestamp_too_old');
    expect(codeOf(nowMs + 301_000)).toBe('timestamp_in_future');
    expect(codeOf('soon')).toBe('malformed_header');
    expect(checkSignedTimestamp({ ...window, rejectFuture: false }, 'X-Timestamp', nowMs + 301_000)).toBe(
      nowMs + 301_000,
    );
  });
});
