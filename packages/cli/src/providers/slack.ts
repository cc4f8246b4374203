import { slack } from '@hookwire/slack';
import { signSlackRequest } from '@hookwire/slack/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

type Signed = { payload: unknown } | { form: Record<string, string> };

/** Signs as Slack does at the context's time and URL: a JSON body or a form. */
function slackRequest(context: SignContext, content: Signed) {
  return signSlackRequest({
    secret: context.secret,
    url: context.url,
    timestamp: context.timestamp,
    ...content,
  });
}

function eventCallback(event: Record<string, unknown>) {
  return (context: SignContext) =>
    slackRequest(context, {
      payload: payloadOf(context, {
        token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
        team_id: 'T061EG9R6',
        api_app_id: 'A0PNCHHK2',
        event,
        type: 'event_callback',
        event_id: 'Ev0PV52K25',
        event_time: context.timestamp,
      }),
    });
}

const spec: ProviderSpec = {
  name: 'slack',
  secret: "the app's signing secret",
  defaultSecret: 'dev-slack-secret',
  receiver: ({ secret, now, tolerance }) => slack({ secret, now, tolerance }),
  samples: {
    app_mention: {
      description: 'the app mentioned in a channel',
      sign: eventCallback({
        type: 'app_mention',
        user: 'U061F7AUR',
        text: '<@U0LAN0Z89> is it everything a river should be?',
        ts: '1515449522.000016',
        channel: 'C0LAN2Q65',
        event_ts: '1515449522000016',
      }),
    },
    message: {
      description: 'a message posted in a channel the app is in',
      sign: eventCallback({
        type: 'message',
        channel: 'C2147483705',
        user: 'U2147483697',
        text: 'Hello world',
        ts: '1355517523.000005',
        channel_type: 'channel',
      }),
    },
    url_verification: {
      description: 'the handshake Slack sends when the Request URL is saved (answered with the challenge)',
      sign: (context) =>
        slackRequest(context, {
          payload: payloadOf(context, {
            token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
            challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
            type: 'url_verification',
          }),
        }),
    },
    slash_command: {
      description: 'a slash command (/weather 94070), form-encoded',
      sign: (context) =>
        slackRequest(context, {
          form: (context.data as Record<string, string> | undefined) ?? {
            token: 'gIkuvaNzQIHg97ATvDxqgjtO',
            team_id: 'T0001',
            team_domain: 'example',
            channel_id: 'C2147483705',
            channel_name: 'test',
            user_id: 'U2147483697',
            user_name: 'Steve',
            command: '/weather',
            text: '94070',
            response_url: 'https://hooks.slack.com/commands/1234/5678',
            trigger_id: '13345224609.738474920.8088930838d88f008e0',
          },
        }),
    },
    block_actions: {
      description: 'a button clicked in a message (interactivity payload)',
      sign: (context) =>
        slackRequest(context, {
          form: {
            payload: JSON.stringify(
              payloadOf(context, {
                type: 'block_actions',
                team: { id: 'T9TK3CUKW', domain: 'example' },
                user: { id: 'UA8RXUSPL', username: 'jtorrance', team_id: 'T9TK3CUKW' },
                api_app_id: 'AABA1ABCD',
                trigger_id: '12466734323.1395872398.a1b2c3d4e5f6',
                response_url: 'https://hooks.slack.com/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209',
                actions: [{ action_id: 'approve', block_id: 'request', type: 'button', value: 'approve_42' }],
              }),
            ),
          },
        }),
    },
  },
};

export default spec;
