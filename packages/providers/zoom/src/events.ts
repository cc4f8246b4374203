/**
 * Zoom webhook bodies: `{ event, event_ts, payload: { account_id, object } }`, named by `event`.
 */

type Extra = { [field: string]: unknown };

export interface ZoomWebhook<TEvent extends string = string, TObject = Extra> {
  event: TEvent;
  /** Milliseconds since the epoch. */
  event_ts: number;
  payload: Extra & { account_id: string; object: TObject };
}

export interface ZoomMeeting extends Extra {
  id: number | string;
  uuid: string;
  host_id: string;
  topic: string;
  type: number;
  start_time?: string;
  end_time?: string;
  duration?: number;
  timezone?: string;
}

export interface ZoomParticipant extends Extra {
  user_id?: string;
  user_name: string;
  email?: string;
  join_time?: string;
  leave_time?: string;
}

export interface ZoomRecordingFile extends Extra {
  id: string;
  file_type: string;
  download_url: string;
  recording_start: string;
  recording_end: string;
}

export type ZoomEvents = {
  'meeting.created': ZoomWebhook<'meeting.created', ZoomMeeting>;
  'meeting.started': ZoomWebhook<'meeting.started', ZoomMeeting>;
  'meeting.ended': ZoomWebhook<'meeting.ended', ZoomMeeting>;
  'meeting.deleted': ZoomWebhook<'meeting.deleted', ZoomMeeting>;
  'meeting.participant_joined': ZoomWebhook<
    'meeting.participant_joined',
    ZoomMeeting & { participant: ZoomParticipant }
  >;
  'meeting.participant_left': ZoomWebhook<
    'meeting.participant_left',
    ZoomMeeting & { participant: ZoomParticipant }
  >;
  'recording.completed': ZoomWebhook<
    'recording.completed',
    ZoomMeeting & { recording_files: ZoomRecordingFile[]; share_url?: string }
  >;
  'webinar.started': ZoomWebhook<'webinar.started', ZoomMeeting>;
  'webinar.ended': ZoomWebhook<'webinar.ended', ZoomMeeting>;
  app_deauthorized: ZoomWebhook<'app_deauthorized', Extra>;
};
