import {
  getHeader,
  isRecord,
  type ParsedEvent,
  parseFormBody,
  parseJsonBody,
  searchParams,
  type WebhookRequest,
} from '@hookwire/core';
import { bodyHashParameter } from './verify.js';

type Fields = Record<string, unknown>;

/** Which parameter names the event, in order of precedence, and the prefix Hookwire gives it. */
const STATUS_FIELDS: [field: string, resource: string][] = [
  ['RecordingStatus', 'recording'],
  ['TranscriptionStatus', 'transcription'],
  ['MessageStatus', 'message'],
  ['SmsStatus', 'message'],
  ['CallStatus', 'call'],
];

const SID_FIELDS = ['RecordingSid', 'TranscriptionSid', 'MessageSid', 'CallSid'];

export function parseTwilioEvent(request: WebhookRequest, url: string): ParsedEvent {
  const fields = readFields(request, url);
  const name = eventName(fields);
  const sid = SID_FIELDS.map((field) => fields[field]).find((value) => typeof value === 'string');
  return {
    name,
    // Twilio's idempotency token is the same on every retry of one webhook; a Sid alone is not a
    // delivery id (one call sends many status callbacks), so the fallback adds the event name.
    id: getHeader(request, 'I-Twilio-Idempotency-Token') ?? (sid ? `${sid}:${name}` : undefined),
    payload: fields,
    meta: {
      accountSid: fields.AccountSid,
      callSid: fields.CallSid,
      messageSid: fields.MessageSid,
    },
  };
}

function readFields(request: WebhookRequest, url: string): Fields {
  if (bodyHashParameter(url) !== null) {
    const json = parseJsonBody(request, 'Twilio');
    return isRecord(json) ? json : { body: json };
  }
  const params = request.method === 'GET' ? searchParams(request) : parseFormBody(request);
  return Object.fromEntries(params);
}

function eventName(fields: Fields): string {
  if (typeof fields.EventType === 'string' && fields.EventType !== '') return fields.EventType;
  for (const [field, resource] of STATUS_FIELDS) {
    const status = fields[field];
    if (typeof status === 'string' && status !== '') return `${resource}.${status}`;
  }
  return 'webhook';
}
