import { WebhookError } from '@hookwire/core';
import type {
  SalesforceFields,
  SalesforceFieldValue,
  SalesforceNotification,
  SalesforceOutboundMessage,
} from './events.js';
import { parseXml, type XmlElement } from './xml.js';

const SOAP_ENVELOPE = [
  'http://schemas.xmlsoap.org/soap/envelope/',
  'http://www.w3.org/2003/05/soap-envelope',
];
const OUTBOUND = 'http://soap.sforce.com/2005/09/outbound';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export interface ParsedOutboundMessage {
  message: SalesforceOutboundMessage;
  notifications: SalesforceNotification[];
}

/** Reads `Envelope/Body/notifications` of the outbound messaging WSDL. */
export function readOutboundMessage(xml: string): ParsedOutboundMessage {
  const envelope = parseXml(xml);
  if (envelope.local !== 'Envelope' || !SOAP_ENVELOPE.includes(envelope.namespace ?? '')) {
    malformed('its root element is not a SOAP Envelope');
  }
  const body = envelope.children.find(
    (child) => child.local === 'Body' && child.namespace === envelope.namespace,
  );
  const notifications = body?.children.find(
    (child) => child.local === 'notifications' && child.namespace === OUTBOUND,
  );
  if (!notifications) malformed(`it has no notifications element in the ${OUTBOUND} namespace`);
  const message: SalesforceOutboundMessage = {
    organizationId: requiredText(notifications, 'OrganizationId'),
    actionId: requiredText(notifications, 'ActionId'),
    sessionId: fieldValue(child(notifications, 'SessionId')) as string | null,
    enterpriseUrl: child(notifications, 'EnterpriseUrl')?.text.trim() ?? '',
    partnerUrl: child(notifications, 'PartnerUrl')?.text.trim() ?? '',
  };
  return {
    message,
    notifications: notifications.children
      .filter((element) => element.local === 'Notification' && element.namespace === OUTBOUND)
      .map((notification) => readNotification(notification, message)),
  };
}

function readNotification(element: XmlElement, message: SalesforceOutboundMessage): SalesforceNotification {
  const sObject = child(element, 'sObject');
  if (!sObject) malformed('a Notification has no sObject');
  const fields: SalesforceFields = {};
  for (const field of sObject.children) fields[field.local] = fieldValue(field);
  return { id: requiredText(element, 'Id'), sObjectType: xsiType(sObject), sObject: fields, message };
}

function fieldValue(element: XmlElement | undefined): SalesforceFieldValue {
  if (!element || attribute(element, XSI, 'nil') === 'true') return null;
  if (element.children.length === 0) return element.text;
  const nested: SalesforceFields = {};
  for (const field of element.children) nested[field.local] = fieldValue(field);
  return nested;
}

/** `xsi:type="sf:Contact"` → `Contact` (the prefix names the sObject namespace, not the type). */
function xsiType(element: XmlElement): string | undefined {
  const type = attribute(element, XSI, 'type');
  return type === undefined ? undefined : type.slice(type.indexOf(':') + 1);
}

function attribute(element: XmlElement, namespace: string, local: string): string | undefined {
  return element.attributes.find((a) => a.namespace === namespace && a.local === local)?.value;
}

function child(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((c) => c.local === local && c.namespace === OUTBOUND);
}

function requiredText(element: XmlElement, local: string): string {
  const text = child(element, local)?.text.trim();
  if (!text) malformed(`it has no ${local}`);
  return text;
}

function malformed(what: string): never {
  throw new WebhookError('malformed_body', `The Salesforce outbound message is not as expected: ${what}.`);
}
