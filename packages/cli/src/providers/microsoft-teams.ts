import { microsoftTeams } from '@hookwire/microsoft-teams';
import { signTeamsRequest } from '@hookwire/microsoft-teams/testing';
import type { ProviderSpec } from './spec.js';

const spec: ProviderSpec = {
  name: 'microsoft-teams',
  secret: "the outgoing webhook's security token (base64)",
  defaultSecret: Buffer.from('dev-microsoft-teams-secret').toString('base64'),
  receiver: ({ secret }) => microsoftTeams({ secret }),
  samples: {
    message: {
      description: 'a message that @mentions the outgoing webhook',
      sign: (context) =>
        context.data === undefined
          ? signTeamsRequest({
              secret: context.secret,
              url: context.url,
              text: '<at>Hookwire</at> deploy status',
            })
          : signTeamsRequest({ secret: context.secret, url: context.url, activity: context.data as never }),
    },
  },
};

export default spec;
