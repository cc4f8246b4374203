import { clerk } from '@hookwire/clerk';
import { signClerkRequest } from '@hookwire/clerk/testing';
import type { ProviderSpec } from './spec.js';
import { DEV_STANDARD_SECRET, svixSample } from './svix-samples.js';

const spec: ProviderSpec = {
  name: 'clerk',
  secret: "the endpoint's signing secret (whsec_…)",
  defaultSecret: DEV_STANDARD_SECRET,
  receiver: ({ secret, now, tolerance }) => clerk({ secret, now, tolerance }),
  samples: {
    'user.created': svixSample(signClerkRequest, 'a user signed up', 'user.created', {
      id: 'user_29w83sxmDNGwOuEthce5gg56FcC',
      object: 'user',
      first_name: 'Example',
      last_name: 'Example',
      email_addresses: [{ id: 'idn_29w83yL7CwVlJXylYLxcslromF1', email_address: 'example@example.org' }],
      primary_email_address_id: 'idn_29w83yL7CwVlJXylYLxcslromF1',
      created_at: 1654012591514,
    }),
    'session.created': svixSample(signClerkRequest, 'a user signed in', 'session.created', {
      id: 'sess_2Hn8cGZy9u4rSd2tHQUxLxV3Plm',
      object: 'session',
      user_id: 'user_29w83sxmDNGwOuEthce5gg56FcC',
      status: 'active',
    }),
    'organization.created': svixSample(signClerkRequest, 'an organization created', 'organization.created', {
      id: 'org_29w9IfBrPmcpi0IeBVaKtA7R94W',
      object: 'organization',
      name: 'Acme Inc',
      slug: 'acme-inc',
    }),
  },
};

export default spec;
