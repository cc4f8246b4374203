import type { RequestHandler } from '@hookwire/core';
import { bearerAuth, createManagementApi, type Sender } from '@hookwire/sender';

/** The management API, authenticated by bearer tokens that each act for one tenant. */
export function createManagement(sender: Sender, tokens: ReadonlyMap<string, string>): RequestHandler {
  return createManagementApi({ sender, allowPublish: true, authenticate: bearerAuth(tokens) });
}
