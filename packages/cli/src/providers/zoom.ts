import { zoom } from '@hookwire/zoom';
import { signZoomRequest, signZoomUrlValidation } from '@hookwire/zoom/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(event: string, payload: Record<string, unknown>) {
  return (context: SignContext) =>
    signZoomRequest({
      secret: context.secret,
      url: context.url,
      event,
      timestamp: context.timestamp,
      payload: payloadOf(context, payload),
    });
}

const meeting = {
  id: '1234567890',
  uuid: '4444AAAiAAAAAiAiAiiAii==',
  host_id: 'x1yCzABCDEfg',
  topic: 'Standup',
  type: 2,
  start_time: '2026-03-02T10:15:00Z',
  duration: 30,
  timezone: 'UTC',
};

const spec: ProviderSpec = {
  name: 'zoom',
  secret: "the app's secret token",
  defaultSecret: 'dev-zoom-secret',
  receiver: ({ secret, now, tolerance }) => zoom({ secret, now, tolerance }),
  samples: {
    'meeting.started': {
      description: 'a meeting started',
      sign: signed('meeting.started', { account_id: 'AAAAAABBBB', object: meeting }),
    },
    'meeting.ended': {
      description: 'a meeting ended',
      sign: signed('meeting.ended', {
        account_id: 'AAAAAABBBB',
        object: { ...meeting, end_time: '2026-03-02T10:45:00Z' },
      }),
    },
    'endpoint.url_validation': {
      description: 'the URL validation challenge (answered with the encrypted token)',
      sign: (context) => ({
        ...signZoomUrlValidation({
          secret: context.secret,
          plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
          timestamp: context.timestamp,
        }),
        url: context.url,
      }),
    },
  },
};

export default spec;
