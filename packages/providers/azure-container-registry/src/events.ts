/** One Azure Container Registry webhook event (see "Azure Container Registry webhook reference"). */
export interface AcrEvent<TAction extends string = string> {
  /** The id of the webhook event: the Hookwire event id. */
  id: string;
  timestamp: string;
  /** `push`, `delete`, `quarantine`, `chart_push`, `chart_delete` or `ping`: the Hookwire event name. */
  action: TAction;
  target?: AcrTarget;
  request?: { id: string; host: string; method: string; useragent: string };
}

export interface AcrTarget {
  mediaType?: string;
  size?: number;
  digest?: string;
  length?: number;
  repository?: string;
  tag?: string;
  /** Helm chart name and version, for `chart_push` / `chart_delete`. */
  name?: string;
  version?: string;
}

export type AzureContainerRegistryEvents = {
  push: AcrEvent<'push'>;
  delete: AcrEvent<'delete'>;
  quarantine: AcrEvent<'quarantine'>;
  chart_push: AcrEvent<'chart_push'>;
  chart_delete: AcrEvent<'chart_delete'>;
  ping: AcrEvent<'ping'>;
};
