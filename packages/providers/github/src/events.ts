import type { operations } from '@octokit/openapi-webhooks-types';

/** `workflow-run` → `workflow_run`: GitHub's OpenAPI ids are kebab-case, its event names snake_case. */
type Snake<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}_${Snake<Tail>}` : S;

/** An operation id (`workflow-run/in-progress`, `push`) as a Hookwire event name (`workflow_run.in_progress`). */
type EventName<Id extends string> = Id extends `${infer Event}/${infer Action}`
  ? `${Snake<Event>}.${Snake<Action>}`
  : Snake<Id>;

type Payload<Id extends keyof operations> = operations[Id] extends {
  requestBody: { content: { 'application/json': infer P } };
}
  ? P
  : never;

/**
 * Payload types of every webhook event in GitHub's own OpenAPI description
 * (@octokit/openapi-webhooks-types), derived from its operations, so a new event there is typed
 * here with no code change. Keys are Hookwire event names: the X-GitHub-Event header, plus
 * `.action` where the payload has one (`issues.opened`, `workflow_run.completed`, `push`).
 */
export type GitHubEvents = { [Id in keyof operations & string as EventName<Id>]: Payload<Id> };

export type GitHubEventName = keyof GitHubEvents;
