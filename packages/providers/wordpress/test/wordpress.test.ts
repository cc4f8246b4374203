import { describeReceiver, eventOf } from '@hookwire/core/testing';
import { wordpress } from '@hookwire/wordpress';
import { createWordPressRequest } from '@hookwire/wordpress/testing';
import { describe, expect, it } from 'vitest';

const code = '83699ec7c1d794c0c780e49a5c72972590571fd8';

describeReceiver({
  provider: 'wordpress',
  create: ({ secret, ...options }) => wordpress({ code: secret, ...options }),
  sign: ({ secret, body }) => createWordPressRequest({ code: secret, body }),
  credential: 'code',
  event: { name: 'publish_post' },
  malformedBodies: ['', 'ID=42', '{"hook":"publish_post"}', 'hook='],
});

describe('wordpress receiver', () => {
  it('names the event by the hook field and decodes the form', async () => {
    const fields = { ID: '42', post_title: 'Hello & welcome', post_url: 'https://blog.example.com/?p=42' };
    const event = await eventOf(wordpress({ code }).receive(createWordPressRequest({ code, fields })));
    expect(event.name).toBe('publish_post');
    expect(event.payload).toEqual({ hook: 'publish_post', ...fields });
  });

  it('keeps repeated fields in meta.form', async () => {
    const body = 'hook=comment_post&tag=a&tag=b+c';
    const result = await wordpress({ code }).receive(createWordPressRequest({ code, body }));
    expect(result.type === 'event' && result.event.name).toBe('comment_post');
    const form = result.type === 'event' ? (result.event.meta.form as URLSearchParams) : undefined;
    expect(form?.getAll('tag')).toEqual(['a', 'b c']);
  });
});
