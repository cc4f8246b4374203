/**
 * Parameters of Twilio's common webhooks (they arrive as form fields, so every value is a string).
 * Twilio adds parameters without notice; the index signature keeps them.
 */

type Params = { [name: string]: string | undefined };

export type TwilioMessageStatus =
  | 'accepted'
  | 'scheduled'
  | 'canceled'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'delivered'
  | 'undelivered'
  | 'receiving'
  | 'received'
  | 'read'
  | 'partially_delivered';

export type TwilioCallStatus =
  | 'queued'
  | 'initiated'
  | 'ringing'
  | 'in-progress'
  | 'completed'
  | 'busy'
  | 'failed'
  | 'no-answer'
  | 'canceled';

/** An incoming message or a message status callback. */
export interface TwilioMessageParams extends Params {
  MessageSid: string;
  AccountSid: string;
  From: string;
  To: string;
  Body?: string;
  NumMedia?: string;
  MessagingServiceSid?: string;
  SmsStatus?: string;
  MessageStatus?: string;
  ErrorCode?: string;
}

/** An incoming call or a call status callback. */
export interface TwilioCallParams extends Params {
  CallSid: string;
  AccountSid: string;
  From: string;
  To: string;
  CallStatus: string;
  Direction: string;
  ApiVersion?: string;
  CallDuration?: string;
  ParentCallSid?: string;
}

/** A recording status callback. */
export interface TwilioRecordingParams extends Params {
  AccountSid: string;
  CallSid: string;
  RecordingSid: string;
  RecordingUrl: string;
  RecordingStatus: string;
  RecordingDuration?: string;
}

/** A transcription callback. */
export interface TwilioTranscriptionParams extends Params {
  AccountSid: string;
  CallSid?: string;
  TranscriptionSid: string;
  TranscriptionStatus: string;
  TranscriptionText?: string;
  RecordingSid?: string;
}

/**
 * Hookwire's names for Twilio webhooks: `message.<MessageStatus or SmsStatus>`,
 * `call.<CallStatus>`, `recording.<RecordingStatus>`, `transcription.<TranscriptionStatus>`, or the
 * `EventType` parameter verbatim where Twilio sends one (Conversations, TaskRouter, Sync…).
 */
export type TwilioEvents = {
  [S in TwilioMessageStatus as `message.${S}`]: TwilioMessageParams;
} & {
  [S in TwilioCallStatus as `call.${S}`]: TwilioCallParams;
} & {
  [S in 'in-progress' | 'completed' | 'absent' | 'failed' as `recording.${S}`]: TwilioRecordingParams;
} & {
  [S in 'completed' | 'failed' as `transcription.${S}`]: TwilioTranscriptionParams;
};
