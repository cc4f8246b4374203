/** A compact Asana object reference, as webhook events carry them. */
export interface AsanaResource<TType extends string = string> {
  gid: string;
  resource_type: TType;
  resource_subtype?: string;
  name?: string;
}

/** One item of a webhook's `events` array: a change, with ids only (fetch the resource to see it). */
export interface AsanaEvent<TType extends string = string, TAction extends string = AsanaAction> {
  action: TAction;
  resource: AsanaResource<TType>;
  parent: AsanaResource | null;
  user?: AsanaResource<'user'> | null;
  created_at: string;
  /** For `changed` events: which field changed, and how. */
  change?: {
    field: string;
    action: 'changed' | 'added' | 'removed';
    new_value?: unknown;
    added_value?: unknown;
    removed_value?: unknown;
  };
}

export type AsanaAction = 'added' | 'changed' | 'removed' | 'deleted' | 'undeleted';
export type AsanaResourceType =
  | 'task'
  | 'project'
  | 'story'
  | 'section'
  | 'tag'
  | 'portfolio'
  | 'attachment'
  | 'team'
  | 'workspace'
  | 'goal'
  | 'user';

/** Payload types by Hookwire event name, `<resource.resource_type>.<action>` (`task.changed`). */
export type AsanaEvents = {
  [N in `${AsanaResourceType}.${AsanaAction}`]: N extends `${infer T}.${infer A}` ? AsanaEvent<T, A> : never;
};
