import { defineProvider, normalizeCodes, WebhookConfigError } from '@hookwire/core';
import type { SalesforceEvents } from './events.js';
import type { ParsedOutboundMessage } from './message.js';
import type { SalesforceOptions } from './options.js';
import { acknowledgement, handlerFault, soapFault } from './responses.js';
import { type SalesforceCredentials, verifySalesforceRequest } from './verify.js';

export type * from './events.js';
export type { SalesforceOptions } from './options.js';

/**
 * A receiver for Salesforce outbound messages (SOAP `notifications`): requires https, accepts only
 * the configured organization (ids compared on their first 15 characters) and, optionally, a `code`
 * query parameter; emits one event per `Notification`, named by the message's `ActionId`, with the
 * notification id as its id; answers the SOAP acknowledgement once every handler succeeded, and a
 * SOAP fault otherwise.
 *
 * @example
 * const receiver = salesforce({ organizationId: process.env.SF_ORG_ID!, code: process.env.SF_WEBHOOK_CODE });
 * receiver.onAny((event) => console.log(event.payload.sObjectType, event.payload.sObject.Id));
 */
export const salesforce = defineProvider<
  SalesforceOptions,
  SalesforceCredentials,
  SalesforceEvents,
  ParsedOutboundMessage
>({
  title: 'Salesforce',
  setup: (options) => ({
    organizations: normalizeOrganizationIds(options.organizationId),
    codes: options.code === undefined ? undefined : normalizeCodes(options.code, 'Salesforce'),
  }),
  verify: (request, { state }) => verifySalesforceRequest(request, state),
  // One event per notification: each has its own id (Salesforce's unit of redelivery, so dedupe
  // works per record), while the acknowledgement covers the whole message.
  parse: (_request, _ctx, message) =>
    message.notifications.map((notification) => ({
      name: notification.message.actionId,
      id: notification.id,
      payload: notification,
      meta: {
        organizationId: notification.message.organizationId,
        sObjectType: notification.sObjectType,
      },
    })),
  successResponse: acknowledgement,
  errorResponse: (error) => soapFault(error, 'POST'),
  handlerFailureResponse: handlerFault,
});

function normalizeOrganizationIds(value: string | string[] | undefined): string[] {
  const ids = typeof value === 'string' ? [value] : (value ?? []);
  if (ids.length === 0) throw new WebhookConfigError('Salesforce: the `organizationId` option is required.');
  return ids.map((id) => {
    if (typeof id !== 'string' || !/^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(id)) {
      throw new WebhookConfigError(
        'Salesforce: `organizationId` must be the 15- or 18-character organization id (Setup → Company Information).',
      );
    }
    // The first 15 characters are the id; the last 3 of an 18-character id only encode its case.
    return id.slice(0, 15);
  });
}
