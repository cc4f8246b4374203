import { SenderError } from './errors.js';

/** Restricts an operation to one tenant's resources (another tenant's are "not found"). */
export interface Scope {
  tenant?: string;
}

/** The tenant of what is subscribed or published without naming one. */
export const DEFAULT_TENANT = 'default';

/** The resource when it exists and `scope` may see it; otherwise the same `not_found` either way. */
export function withinScope<T extends { tenant?: string }>(
  resource: T | undefined,
  scope: Scope,
  notFound: string,
): T {
  if (!resource || (scope.tenant !== undefined && resource.tenant !== scope.tenant)) {
    throw new SenderError('not_found', notFound);
  }
  return resource;
}
