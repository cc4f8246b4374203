/** The envelope of every Vercel webhook: `type` names the event, `payload` carries its data. */
export interface VercelWebhook<TType extends string = string, TPayload = Record<string, unknown>> {
  /** Event id; the same on every retry of one event. */
  id: string;
  type: TType;
  /** Milliseconds since the epoch. */
  createdAt: number;
  region?: string | null;
  payload: TPayload;
}

export interface VercelDeploymentPayload {
  team?: { id: string } | null;
  user?: { id: string };
  deployment: { id: string; meta?: Record<string, string>; url: string; name: string; inspectorUrl?: string };
  links?: { deployment: string; project: string };
  target?: 'production' | 'staging' | null;
  project?: { id: string };
  plan?: string;
  regions?: string[];
  [key: string]: unknown;
}

export interface VercelProjectPayload {
  team?: { id: string } | null;
  user?: { id: string };
  project: { id: string; name?: string };
  [key: string]: unknown;
}

type DeploymentEvent = `deployment.${'created' | 'succeeded' | 'ready' | 'promoted' | 'error' | 'canceled'}`;
type ProjectEvent = `project.${'created' | 'removed'}`;

/** Payload types of Vercel's common events, keyed by `type`. Other events arrive with the generic envelope. */
export type VercelEvents = { [T in DeploymentEvent]: VercelWebhook<T, VercelDeploymentPayload> } & {
  [T in ProjectEvent]: VercelWebhook<T, VercelProjectPayload>;
};

export type VercelEventName = keyof VercelEvents;
