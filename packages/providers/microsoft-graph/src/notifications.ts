import {
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  timingSafeEqual,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

interface Batch {
  items: Record<string, unknown>[];
  validationTokens: unknown;
}

function readBatch(request: WebhookRequest): Batch {
  const body = parseJsonBody<unknown>(request, 'Microsoft Graph');
  if (!isRecord(body) || !Array.isArray(body.value) || !body.value.every(isRecord)) {
    throw new WebhookError(
      'malformed_body',
      'The Microsoft Graph notification body has no `value` array of objects.',
    );
  }
  return { items: body.value as Record<string, unknown>[], validationTokens: body.validationTokens };
}

/**
 * Basic notifications carry no signature: the `clientState` you chose, echoed in each item, is the
 * only proof they come from your subscription. One item without a matching value refuses the batch.
 */
export function checkClientStates(request: WebhookRequest, clientStates: readonly string[]): void {
  readBatch(request).items.forEach((item, index) => {
    const given = item.clientState;
    if (typeof given !== 'string' || !clientStates.some((expected) => timingSafeEqual(expected, given))) {
      throw new WebhookError(
        'unauthorized',
        `Notification #${index + 1} ${typeof given === 'string' ? 'has a clientState that does not match' : 'has no clientState'}. Create subscriptions with the clientState configured here (all of them, when several share this URL).`,
      );
    }
  });
}

/** One event per notification, named by `changeType` (`created`) or `lifecycleEvent` (`missed`). */
export function parseNotifications(request: WebhookRequest): ParsedEvent[] {
  const { items, validationTokens } = readBatch(request);
  return items.map((item, index) => {
    const name = typeof item.changeType === 'string' ? item.changeType : item.lifecycleEvent;
    if (typeof name !== 'string' || name === '') {
      throw new WebhookError(
        'malformed_body',
        `Notification #${index + 1} has no changeType or lifecycleEvent.`,
      );
    }
    return {
      name,
      id: typeof item.id === 'string' && item.id !== '' ? item.id : undefined,
      payload: item,
      meta: {
        subscriptionId: item.subscriptionId,
        tenantId: item.tenantId,
        resource: item.resource,
        lifecycle: typeof item.lifecycleEvent === 'string',
        ...(Array.isArray(validationTokens) ? { validationTokens } : {}),
      },
    };
  });
}
