import {
  isRecord,
  type ParsedEvent,
  parseJsonBody,
  requireString,
  type WebhookRequest,
} from '@hookwire/core';

/** Reads a JSON SIM message: named by `event` (`envelope-completed`). */
export function parseDocuSignEvent(request: WebhookRequest): ParsedEvent {
  const payload = parseJsonBody<unknown>(request, 'DocuSign');
  const body = isRecord(payload) ? payload : {};
  const name = requireString(body.event, 'event', 'DocuSign');
  const data = isRecord(body.data) ? body.data : {};
  // Connect sends no message id; envelope, event, recipient and generation time name one message.
  const parts = [data.envelopeId, name, data.recipientId, body.generatedDateTime].filter(
    (part) => typeof part === 'string' && part !== '',
  );
  return {
    name,
    id:
      typeof data.envelopeId === 'string' && typeof body.generatedDateTime === 'string'
        ? parts.join(':')
        : undefined,
    payload,
    meta: {
      accountId: data.accountId,
      retryCount: body.retryCount,
      configurationId: body.configurationId,
      apiVersion: body.apiVersion,
    },
  };
}
