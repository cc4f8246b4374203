import { twilio } from '@hookwire/twilio';
import { signTwilioRequest } from '@hookwire/twilio/testing';
import type { ProviderSpec, SignContext } from './spec.js';

type Params = Record<string, string>;

function form(params: Params) {
  return (context: SignContext) =>
    signTwilioRequest({
      secret: context.secret,
      url: context.url,
      params: (context.data as Params | undefined) ?? params,
    });
}

const account = 'AC3b8f6d2e9a1c4b7d0e5f8a2b6c9d1e4f';

const spec: ProviderSpec = {
  name: 'twilio',
  secret: "the account's Auth Token",
  defaultSecret: 'dev-twilio-secret',
  receiver: ({ secret, url }) => twilio({ secret, publicUrl: () => url }),
  samples: {
    'incoming-message': {
      description: 'an SMS received on your number (messaging webhook)',
      sign: form({
        MessageSid: 'SM1f2e3d4c5b6a79880f1e2d3c4b5a6978',
        SmsSid: 'SM1f2e3d4c5b6a79880f1e2d3c4b5a6978',
        AccountSid: account,
        MessagingServiceSid: 'MG9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d',
        From: '+14155550100',
        To: '+14155550199',
        Body: 'Hello from Hookwire',
        NumMedia: '0',
        NumSegments: '1',
        SmsStatus: 'received',
        ApiVersion: '2010-04-01',
        FromCountry: 'US',
        ToCountry: 'US',
      }),
    },
    'incoming-call': {
      description: 'a call to your number (voice webhook)',
      sign: form({
        CallSid: 'CA5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c',
        AccountSid: account,
        From: '+14155550100',
        To: '+14155550199',
        CallStatus: 'ringing',
        Direction: 'inbound',
        ApiVersion: '2010-04-01',
        Caller: '+14155550100',
        Called: '+14155550199',
      }),
    },
    'message-status': {
      description: 'a status callback for a message you sent',
      sign: form({
        MessageSid: 'SM8e7d6c5b4a39281706f5e4d3c2b1a0f9',
        AccountSid: account,
        From: '+14155550199',
        To: '+14155550100',
        MessageStatus: 'delivered',
        SmsStatus: 'delivered',
        ApiVersion: '2010-04-01',
      }),
    },
    'call-status': {
      description: 'a status callback when a call completes',
      sign: form({
        CallSid: 'CA5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c',
        AccountSid: account,
        From: '+14155550100',
        To: '+14155550199',
        CallStatus: 'completed',
        CallDuration: '42',
        Direction: 'inbound',
        ApiVersion: '2010-04-01',
      }),
    },
    'event-streams': {
      description: 'a JSON delivery (body signed through bodySHA256), as Event Streams send',
      sign: (context) =>
        signTwilioRequest({
          secret: context.secret,
          url: context.url,
          json: context.data ?? [
            {
              specversion: '1.0',
              type: 'com.twilio.messaging.message.delivered',
              source: '/2010-04-01/Accounts/AC.../Messages/SM....json',
              id: 'EZ0a1b2c3d4e5f60718293a4b5c6d7e8f9',
              time: '2026-03-02T10:15:00.000Z',
              data: { messageSid: 'SM8e7d6c5b4a39281706f5e4d3c2b1a0f9', messageStatus: 'DELIVERED' },
            },
          ],
        }),
    },
  },
};

export default spec;
