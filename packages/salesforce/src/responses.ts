import type { WebhookError, WebhookResponse } from '@hookwire/core';
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
  const headers: Record<string, string> =
    error.code === 'method_not_allowed' ? { ...XML_HEADERS, allow } : { ...XML_HEADERS };
  return {
    status: error.status,
    headers,
    body: `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>${escapeXml(`${error.code}: ${error.message}`)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
  };
}
