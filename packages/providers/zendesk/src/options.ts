import type { BaseReceiverOptions, WebhookRequest } from '@hookwire/core';

export interface ZendeskOptions extends BaseReceiverOptions {
  /**
   * The webhook's signing secret (Admin Center → Webhooks → Reveal secret), used verbatim; an array
   * during a rotation. Test requests sent before a webhook exists are signed with Zendesk's static
   * test secret, exported as `ZENDESK_TEST_SIGNING_SECRET`.
   */
  secret?: string | string[];
  /** For old trigger targets that sign nothing: the URL's `?code=` (32–128 characters). */
  code?: string | string[];
  /**
   * The event name of trigger and automation webhooks, whose bodies you write yourself: a name, or a
   * function of the parsed body. Default `trigger`. Event subscriptions are named by their `type`.
   */
  triggerEvent?: string | ((payload: unknown, request: WebhookRequest) => string);
}
