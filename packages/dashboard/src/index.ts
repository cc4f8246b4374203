export { Dashboard, type DashboardOptions, dashboard, type PortalOptions } from './dashboard.js';
export { portalOptionsFromEnv } from './env.js';
export type { PortalColors } from './page.js';
export {
  bearerToken,
  createPortalTokens,
  PORTAL_TOKEN_PREFIX,
  type PortalTokenClaims,
  type PortalTokens,
  type PortalTokensOptions,
  withPortalTokens,
} from './portal-tokens.js';
