import { calendly } from '@hookwire/calendly';
import { signCalendlyRequest } from '@hookwire/calendly/testing';
import { type ProviderSpec, payloadOf } from './spec.js';

const spec: ProviderSpec = {
  name: 'calendly',
  secret: "the webhook subscription's signing key",
  defaultSecret: 'dev-calendly-secret',
  receiver: ({ secret, now, tolerance }) => calendly({ secret, now, tolerance }),
  samples: {
    'invitee.created': {
      description: 'a meeting booked',
      sign: (context) =>
        signCalendlyRequest({
          secret: context.secret,
          url: context.url,
          timestamp: context.timestamp,
          event: 'invitee.created',
          payload: payloadOf(context, {
            uri: 'https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/AAAAAAAAAAAAAAAA',
            email: 'test@example.com',
            name: 'John Doe',
            status: 'active',
            timezone: 'America/New_York',
            event: 'https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2',
            created_at: '2026-03-02T10:15:00.000000Z',
          }),
        }),
    },
    'invitee.canceled': {
      description: 'a meeting canceled',
      sign: (context) =>
        signCalendlyRequest({
          secret: context.secret,
          url: context.url,
          timestamp: context.timestamp,
          event: 'invitee.canceled',
          payload: payloadOf(context, {
            email: 'test@example.com',
            name: 'John Doe',
            status: 'canceled',
            cancellation: { canceled_by: 'John Doe', reason: 'Schedule conflict', canceler_type: 'invitee' },
          }),
        }),
    },
  },
};

export default spec;
