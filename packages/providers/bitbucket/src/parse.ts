import { getHeader, jsonEventParser } from '@hookwire/core';

/**
 * Names the event by `X-Event-Key` (`repo:push`, `pr:opened`). The delivery id is Cloud's
 * `X-Request-UUID` or Data Center's `X-Request-Id`; Cloud's hook id and attempt number go in meta.
 */
export const parseBitbucketEvent = jsonEventParser('Bitbucket', {
  name: { header: 'X-Event-Key', hint: 'Bitbucket names the event in every webhook request.' },
  id: { header: ['X-Request-UUID', 'X-Request-Id'] },
  metaHeaders: { hookUuid: 'X-Hook-UUID' },
  meta(_body, request) {
    const attempt = getHeader(request, 'X-Attempt-Number');
    return { attemptNumber: attempt !== undefined && /^\d+$/.test(attempt) ? Number(attempt) : undefined };
  },
});
