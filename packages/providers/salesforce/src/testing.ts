import { randomBytes } from 'node:crypto';
import { type CodeRequestInput, createCodeRequest, type WebhookRequest } from '@hookwire/core';
import { escapeXml } from './xml.js';

export interface TestNotification {
  /** The notification id (default: random). */
  id?: string;
  /** The sObject's fields; `null` is sent as `xsi:nil`. */
  fields: Record<string, string | null>;
}

export interface CreateSalesforceRequestInput extends CodeRequestInput {
  organizationId: string;
  /** The outbound message's ActionId (default: a fixed test id). */
  actionId?: string;
  /** The sObject type (default `Contact`). */
  sObjectType?: string;
  notifications: TestNotification[];
  sessionId?: string | null;
  /** Added to the URL as the `code` query parameter. */
  code?: string;
}

/** Builds a SOAP outbound message `WebhookRequest` as Salesforce sends it, for testing your handlers. */
export function createSalesforceRequest(input: CreateSalesforceRequestInput): WebhookRequest {
  return createCodeRequest(input, {
    path: 'salesforce',
    payload: outboundMessageXml(input),
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      soapaction: '""',
      'user-agent': 'Jakarta Commons-HttpClient/3.1',
    },
  });
}

/** The SOAP envelope of an outbound message, in the shape of the outbound messaging WSDL. */
export function outboundMessageXml(input: CreateSalesforceRequestInput): string {
  const type = input.sObjectType ?? 'Contact';
  const notifications = input.notifications
    .map((notification) => {
      const fields = Object.entries(notification.fields)
        .map(([name, value]) =>
          value === null ? `<sf:${name} xsi:nil="true"/>` : `<sf:${name}>${escapeXml(value)}</sf:${name}>`,
        )
        .join('');
      return `<Notification><Id>${escapeXml(notification.id ?? randomId('04l'))}</Id><sObject xsi:type="sf:${type}" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">${fields}</sObject></Notification>`;
    })
    .join('');
  const session =
    input.sessionId === undefined || input.sessionId === null
      ? '<SessionId xsi:nil="true"/>'
      : `<SessionId>${escapeXml(input.sessionId)}</SessionId>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound">' +
    `<OrganizationId>${escapeXml(input.organizationId)}</OrganizationId>` +
    `<ActionId>${escapeXml(input.actionId ?? '04k000000000001AAA')}</ActionId>${session}` +
    '<EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/60.0/00D000000000001</EnterpriseUrl>' +
    '<PartnerUrl>https://example.my.salesforce.com/services/Soap/u/60.0/00D000000000001</PartnerUrl>' +
    `${notifications}</notifications></soapenv:Body></soapenv:Envelope>`
  );
}

function randomId(prefix: string): string {
  return prefix + randomBytes(8).toString('hex').slice(0, 15);
}
