import type { PortalOptions } from './dashboard.js';
import { createPortalTokens } from './portal-tokens.js';

const list = (text: string | undefined) =>
  (text ?? '')
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);

/**
 * The portal as configured by environment variables: `HOOKWIRE_PORTAL_SECRET` (signing key; random
 * per start when unset), `HOOKWIRE_PORTAL_NAME`, `HOOKWIRE_PORTAL_LOGO_URL`,
 * `HOOKWIRE_PORTAL_ACCENT_COLOR`, `HOOKWIRE_PORTAL_BACKGROUND_COLOR`, `HOOKWIRE_PORTAL_TEXT_COLOR`,
 * `HOOKWIRE_PORTAL_FRAME_ANCESTORS` (space- or comma-separated origins allowed to embed it) and
 * `HOOKWIRE_PUBLIC_URL` (the base of portal links).
 */
export function portalOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PortalOptions {
  const colors = {
    ...(env.HOOKWIRE_PORTAL_ACCENT_COLOR ? { accent: env.HOOKWIRE_PORTAL_ACCENT_COLOR } : {}),
    ...(env.HOOKWIRE_PORTAL_BACKGROUND_COLOR ? { background: env.HOOKWIRE_PORTAL_BACKGROUND_COLOR } : {}),
    ...(env.HOOKWIRE_PORTAL_TEXT_COLOR ? { text: env.HOOKWIRE_PORTAL_TEXT_COLOR } : {}),
  };
  const ancestors = list(env.HOOKWIRE_PORTAL_FRAME_ANCESTORS);
  return {
    tokens: createPortalTokens(env.HOOKWIRE_PORTAL_SECRET ? { secret: env.HOOKWIRE_PORTAL_SECRET } : {}),
    ...(env.HOOKWIRE_PORTAL_NAME ? { name: env.HOOKWIRE_PORTAL_NAME } : {}),
    ...(env.HOOKWIRE_PORTAL_LOGO_URL ? { logoUrl: env.HOOKWIRE_PORTAL_LOGO_URL } : {}),
    ...(Object.keys(colors).length > 0 ? { colors } : {}),
    ...(ancestors.length > 0 ? { frameAncestors: ancestors } : {}),
    ...(env.HOOKWIRE_PUBLIC_URL ? { publicUrl: env.HOOKWIRE_PUBLIC_URL } : {}),
  };
}
