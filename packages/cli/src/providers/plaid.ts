import { createHash } from 'node:crypto';
import { plaid } from '@hookwire/plaid';
import { type PlaidTestKey, plaidTestKey, signPlaidRequest } from '@hookwire/plaid/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';
import { p256FromSeed } from './test-keys.js';

function testKey(seed: string): PlaidTestKey {
  const { privateKey, publicKey } = p256FromSeed(seed, 'plaid');
  const kid = `hookwire-${createHash('sha256').update(seed).digest('hex').slice(0, 12)}`;
  return plaidTestKey(privateKey, publicKey, kid, 1_700_000_000);
}

function signed(payload: Record<string, unknown>) {
  return (context: SignContext) =>
    signPlaidRequest({
      key: testKey(context.secret),
      url: context.url,
      iat: context.timestamp,
      payload: payloadOf(context, payload),
    });
}

const spec: ProviderSpec = {
  name: 'plaid',
  secret: 'a seed for a test ES256 key that trigger and listen share (real Plaid keys are fetched by kid)',
  defaultSecret: 'dev-plaid-secret',
  receiver: ({ secret, now, tolerance }) => {
    const { jwk } = testKey(secret);
    return plaid({ getVerificationKey: async (kid) => (kid === jwk.kid ? jwk : undefined), now, tolerance });
  },
  samples: {
    'TRANSACTIONS.SYNC_UPDATES_AVAILABLE': {
      description: 'new transactions to sync',
      sign: signed({
        webhook_type: 'TRANSACTIONS',
        webhook_code: 'SYNC_UPDATES_AVAILABLE',
        item_id: 'wz666MBjYWTp2PDzzggYhM6oWWmBb',
        initial_update_complete: true,
        historical_update_complete: false,
        environment: 'sandbox',
      }),
    },
    'ITEM.ERROR': {
      description: 'an Item needs the user to log in again',
      sign: signed({
        webhook_type: 'ITEM',
        webhook_code: 'ERROR',
        item_id: 'wz666MBjYWTp2PDzzggYhM6oWWmBb',
        error: {
          error_type: 'ITEM_ERROR',
          error_code: 'ITEM_LOGIN_REQUIRED',
          error_message: 'the login details of this item have changed',
          status: 400,
        },
        environment: 'sandbox',
      }),
    },
  },
};

export default spec;
