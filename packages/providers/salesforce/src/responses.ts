import type { WebhookError, WebhookEvent, WebhookResponse } from '@hookwire/core';
import { escapeXml } from './xml.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const XML_HEADERS = { 'content-type': 'text/xml; charset=utf-8' };

/** The acknowledgement Salesforce waits for; anything else makes it retry for up to 24 hours. */
export function acknowledgement(): WebhookResponse {
  return {
    status: 200,
    headers: XML_HEADERS,
    body: `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body><notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>`,
  };
}

/** A SOAP 1.1 fault for a rejected message, with the error's status and an escaped message. */
export function soapFault(error: WebhookError, allow: string): WebhookResponse {
  const headers = error.code === 'method_not_allowed' ? { ...XML_HEADERS, allow } : XML_HEADERS;
  return fault(error.status, 'soapenv:Client', `${error.code}: ${error.message}`, headers);
}

/** A server fault when a handler failed: no acknowledgement, so Salesforce delivers the message again. */
export function handlerFault(event: WebhookEvent): WebhookResponse {
  return fault(
    500,
    'soapenv:Server',
    `handler_failed: a handler for ${event.name} failed; Salesforce will retry.`,
    XML_HEADERS,
  );
}

function fault(status: number, code: string, text: string, headers: Record<string, string>): WebhookResponse {
  return {
    status,
    headers: { ...headers },
    body: `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body><soapenv:Fault><faultcode>${code}</faultcode><faultstring>${escapeXml(text)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
  };
}
