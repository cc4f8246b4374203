import { zendesk } from '@hookwire/zendesk';
import { signZendeskRequest } from '@hookwire/zendesk/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(type: string, detail: Record<string, unknown>) {
  return (context: SignContext) =>
    signZendeskRequest({
      secret: context.secret,
      url: context.url,
      timestamp: new Date(context.timestamp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      payload: payloadOf(context, {
        type,
        account_id: 22129848,
        id: 'cbe4028c-7239-495d-b020-f22348516046',
        time: '2026-03-02T10:15:00Z',
        zendesk_event_version: '2022-11-06',
        subject: `zen:ticket:${detail.id}`,
        detail,
        event: {},
      }),
    });
}

const spec: ProviderSpec = {
  name: 'zendesk',
  secret: "the webhook's signing secret",
  defaultSecret: 'dev-zendesk-secret',
  receiver: ({ secret, now, tolerance }) => zendesk({ secret, now, tolerance }),
  samples: {
    'zen:event-type:ticket.created': {
      description: 'a ticket created',
      sign: signed('zen:event-type:ticket.created', {
        id: '5158',
        subject: 'Cannot log in',
        status: 'NEW',
        priority: 'HIGH',
        requester_id: '8447388090494',
      }),
    },
    'zen:event-type:ticket.status_changed': {
      description: 'a ticket solved',
      sign: signed('zen:event-type:ticket.status_changed', { id: '5158', status: 'SOLVED' }),
    },
  },
};

export default spec;
