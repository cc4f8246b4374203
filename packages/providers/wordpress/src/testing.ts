import { type CodeRequestInput, createCodeRequest, type WebhookRequest } from '@hookwire/core';

export interface CreateWordPressRequestInput extends CodeRequestInput {
  code: string;
  /** The action, sent as the `hook` field (default `publish_post`). */
  hook?: string;
  /** Further form fields (`ID`, `post_title`, …). */
  fields?: Record<string, string>;
}

/** Builds a `WebhookRequest` as WordPress posts a webhook: a form with `hook`, to a URL with `?code=`. */
export function createWordPressRequest(input: CreateWordPressRequestInput): WebhookRequest {
  return createCodeRequest(input, {
    path: 'wordpress',
    payload: new URLSearchParams({ hook: input.hook ?? 'publish_post', ...input.fields }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
  });
}
