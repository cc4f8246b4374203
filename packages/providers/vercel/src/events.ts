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

type Deployment<T extends string> = VercelWebhook<T, VercelDeploymentPayload>;
type Project<T extends string> = VercelWebhook<T, VercelProjectPayload>;

/** Payload types of Vercel's common events, keyed by `type`. Other events arrive with the generic envelope. */
export type VercelEvents = {
  'deployment.created': Deployment<'deployment.created'>;
  'deployment.succeeded': Deployment<'deployment.succeeded'>;
  'deployment.ready': Deployment<'deployment.ready'>;
  'deployment.promoted': Deployment<'deployment.promoted'>;
  'deployment.error': Deployment<'deployment.error'>;
  'deployment.canceled': Deployment<'deployment.canceled'>;
  'project.created': Project<'project.created'>;
  'project.removed': Project<'project.removed'>;
};

export type VercelEventName = keyof VercelEvents;
