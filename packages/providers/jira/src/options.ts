import type { BaseReceiverOptions } from '@hookwire/core';

export interface JiraOptions extends Pick<BaseReceiverOptions, 'dedupe' | 'dedupeTtl'> {
  /** The secret set on the admin webhook (Jira settings → System → WebHooks); an array during a change. */
  secret: string | string[];
}
