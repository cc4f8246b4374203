import {
  bodyText,
  requireHttps,
  timingSafeEqual,
  verifyCodeParameter,
  WebhookError,
  type WebhookRequest,
} from '@hookwire/core';
import { type ParsedOutboundMessage, readOutboundMessage } from './message.js';

export interface SalesforceCredentials {
  /** The first 15 characters of each accepted organization id. */
  organizations: string[];
  codes: string[] | undefined;
}

/**
 * Salesforce signs nothing: the message is accepted over https (the org id and session id travel in
 * it), from a configured organization, with the configured `code` when there is one. Returns the message it read.
 */
export function verifySalesforceRequest(
  request: WebhookRequest,
  credentials: SalesforceCredentials,
): ParsedOutboundMessage {
  requireHttps(
    request,
    'Salesforce outbound messages must arrive over https: they carry the organization id and possibly an API session id. Use an https endpoint URL (behind a proxy, make the adapter see the forwarded scheme).',
  );
  if (credentials.codes) verifyCodeParameter(request, credentials.codes, 'Salesforce');
  const reading = readOutboundMessage(bodyText(request));
  const given = reading.message.organizationId.slice(0, 15);
  if (!credentials.organizations.some((organization) => timingSafeEqual(organization, given))) {
    throw new WebhookError(
      'unauthorized',
      'The OrganizationId of this outbound message is not one this receiver accepts. Check the `organizationId` option (Setup → Company Information).',
    );
  }
  return reading;
}
