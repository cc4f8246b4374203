import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api.js';

export interface PageConfig {
  mode: 'console' | 'portal';
  apiBase: string;
  inbox: boolean;
  name: string;
  logoUrl?: string;
  colors?: { accent?: string; background?: string; text?: string };
}

export interface Session {
  api: Api;
  config: PageConfig;
  /** The console shows tenants and cross-tenant lists; the portal shows one tenant's own. */
  portal: boolean;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a session');
  return session;
}
