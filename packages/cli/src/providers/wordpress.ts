import { wordpress } from '@hookwire/wordpress';
import { createWordPressRequest } from '@hookwire/wordpress/testing';
import { CODE_HINT, devCode } from './code.js';
import type { ProviderSpec } from './spec.js';

const spec: ProviderSpec = {
  name: 'wordpress',
  secret: CODE_HINT,
  defaultSecret: devCode('wordpress'),
  receiver: ({ secret }) => wordpress({ code: secret }),
  samples: {
    publish_post: {
      description: 'a post published (form-encoded)',
      sign: (context) =>
        createWordPressRequest({
          code: context.secret,
          url: context.url,
          hook: 'publish_post',
          fields: (context.data as Record<string, string> | undefined) ?? {
            ID: '1234',
            post_title: 'Hello Hookwire',
            post_status: 'publish',
            post_author: '1',
            post_url: 'https://example.wordpress.com/2026/03/02/hello-hookwire/',
          },
        }),
    },
  },
};

export default spec;
