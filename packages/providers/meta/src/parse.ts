import {
  isRecord,
  type ParsedEvent,
  parseJsonObject,
  requireString,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';

// Entry arrays that carry one item per event besides `changes`: Messenger and Instagram messaging,
// and the handover protocol's standby channel.
const ITEM_LISTS = ['messaging', 'standby'] as const;

/**
 * One event per change or messaging item: `<object>.<field>` for `entry[].changes[]`
 * (`page.feed`, `whatsapp_business_account.messages`, `instagram.comments`) and
 * `<object>.messaging` / `<object>.standby` for `entry[].messaging[]` / `entry[].standby[]`.
 * The payload is the change's `value` or the messaging item.
 */
export function parseMetaNotification(request: WebhookRequest): ParsedEvent[] {
  const body = parseJsonObject(request, 'Meta');
  const object = requireString(body.object, 'object', 'Meta');
  if (!Array.isArray(body.entry))
    throw new WebhookError('malformed_body', 'The Meta notification has no `entry` array.');
  const events: ParsedEvent[] = [];
  for (const entry of body.entry) {
    if (!isRecord(entry))
      throw new WebhookError('malformed_body', 'A Meta notification entry is not an object.');
    const meta = { object, entryId: entry.id, entryTime: entry.time };
    for (const change of Array.isArray(entry.changes) ? entry.changes : []) {
      if (!isRecord(change))
        throw new WebhookError('malformed_body', 'A Meta notification change is not an object.');
      const field = requireString(change.field, 'entry[].changes[].field', 'Meta');
      events.push({ name: `${object}.${field}`, payload: change.value, meta: { ...meta, field } });
    }
    for (const list of ITEM_LISTS) {
      const items = entry[list];
      if (!Array.isArray(items)) continue;
      for (const item of items)
        events.push({ name: `${object}.${list}`, payload: item, meta: { ...meta, field: list } });
    }
  }
  return events;
}
