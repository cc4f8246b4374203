import { resend } from '@hookwire/resend';
import { signResendRequest } from '@hookwire/resend/testing';
import type { ProviderSpec } from './spec.js';
import { DEV_STANDARD_SECRET, svixSample } from './svix-samples.js';

const email = {
  email_id: '56761188-7520-42d8-8898-ff6fc54ce618',
  from: 'Acme <onboarding@resend.dev>',
  to: ['delivered@resend.dev'],
  subject: 'Sending this example',
  created_at: '2026-03-02T10:15:00.000Z',
};

const spec: ProviderSpec = {
  name: 'resend',
  secret: "the webhook's signing secret (whsec_…)",
  defaultSecret: DEV_STANDARD_SECRET,
  receiver: ({ secret, now, tolerance }) => resend({ secret, now, tolerance }),
  samples: {
    'email.delivered': svixSample(signResendRequest, 'an email delivered', 'email.delivered', email),
    'email.bounced': svixSample(signResendRequest, 'an email bounced', 'email.bounced', {
      ...email,
      bounce: { message: 'The recipient mailbox does not exist.', type: 'Permanent' },
    }),
  },
};

export default spec;
