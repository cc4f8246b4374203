import { trello } from '@hookwire/trello';
import { signTrelloRequest } from '@hookwire/trello/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function signed(type: string, data: Record<string, unknown>) {
  return (context: SignContext) =>
    signTrelloRequest({
      secret: context.secret,
      callbackUrl: context.url,
      url: context.url,
      payload: payloadOf(context, {
        model: { id: '5a8f1c2b3d4e5f6a7b8c9d0e', name: 'Roadmap' },
        action: {
          id: '5e1a2b3c4d5e6f7a8b9c0d1e',
          idMemberCreator: '4ee7deffe582acdec80000ac',
          type,
          date: '2026-03-02T10:15:00.000Z',
          data,
          memberCreator: { id: '4ee7deffe582acdec80000ac', username: 'alicedev', fullName: 'Alice' },
        },
      }),
    });
}

const spec: ProviderSpec = {
  name: 'trello',
  secret: "the application's secret",
  defaultSecret: 'dev-trello-secret',
  receiver: ({ secret, url }) => trello({ secret, callbackUrl: url }),
  samples: {
    createCard: {
      description: 'a card created',
      sign: signed('createCard', {
        card: { id: '5e1a2b3c4d5e6f7a8b9c0d1f', name: 'Ship the CLI' },
        list: { id: '5a8f1c2b3d4e5f6a7b8c9d0f', name: 'Doing' },
        board: { id: '5a8f1c2b3d4e5f6a7b8c9d0e', name: 'Roadmap' },
      }),
    },
    updateCard: {
      description: 'a card moved to another list',
      sign: signed('updateCard', {
        card: { id: '5e1a2b3c4d5e6f7a8b9c0d1f', name: 'Ship the CLI' },
        listBefore: { name: 'Doing' },
        listAfter: { name: 'Done' },
      }),
    },
  },
};

export default spec;
