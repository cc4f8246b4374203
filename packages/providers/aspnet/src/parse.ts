import {
  isRecord,
  type ParsedEvent,
  parseJsonObject,
  requireString,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

/**
 * The sender's body is `{ Id, Attempt, Properties, Notifications: [{ Action, ... }] }`: one event
 * per notification, named by its `Action`. Several notifications share the delivery `Id`, so each
 * event's id gets the notification's index (`<Id>:<n>`) when there is more than one.
 */
export function parseAspNetNotifications(request: WebhookRequest): ParsedEvent[] {
  const body = parseJsonObject(request, 'ASP.NET WebHooks');
  const deliveryId = requireString(body.Id, 'Id', 'ASP.NET WebHooks');
  if (!Array.isArray(body.Notifications)) {
    throw new WebhookError('malformed_body', 'The ASP.NET WebHooks body has no `Notifications` array.');
  }
  const notifications = body.Notifications;
  return notifications.map((notification, index) => {
    if (!isRecord(notification))
      throw new WebhookError('malformed_body', 'An ASP.NET WebHooks notification is not an object.');
    return {
      name: requireString(notification.Action, 'Notifications[].Action', 'ASP.NET WebHooks'),
      id: notifications.length === 1 ? deliveryId : `${deliveryId}:${index}`,
      payload: notification,
      meta: { deliveryId, attempt: body.Attempt, properties: body.Properties ?? {} },
    };
  });
}
