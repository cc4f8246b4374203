import {
  type CodeReceiverOptions,
  defineCodeProvider,
  getHeader,
  parseJsonObject,
  requireString,
} from '@hookwire/core';
import type { DynamicsCrmEvents } from './events.js';

export type { DynamicsCrmEvents, DynamicsExecutionContext, DynamicsKeyValue } from './events.js';

export interface DynamicsCrmOptions extends CodeReceiverOptions {
  /**
   * The webhook key (32–128 characters): register the webhook with authentication "WebhookKey",
   * which Dynamics sends as `?code=`. An array accepts several during a rotation.
   */
  code: string | string[];
}

/**
 * A receiver for Microsoft Dynamics 365 / Dataverse webhooks: the `code` query parameter must
 * match, and events are named by the execution context's `MessageName` (`Create`, `Update`, …), as
 * ASP.NET WebHooks read them; `id` is the `x-request-id` header, `meta` has the entity
 * (`PrimaryEntityName`) and organization.
 *
 * @example
 * const receiver = dynamicsCrm({ code: process.env.DYNAMICS_WEBHOOK_KEY! });
 * receiver.on('Create', (event) => console.log(event.meta.entity, event.payload.PrimaryEntityId));
 */
export const dynamicsCrm = defineCodeProvider<DynamicsCrmEvents, DynamicsCrmOptions>({
  title: 'Dynamics CRM',
  parse: (request) => {
    const payload = parseJsonObject(request, 'Dynamics CRM');
    return {
      name: requireString(payload.MessageName, 'MessageName', 'Dynamics CRM'),
      id: getHeader(request, 'x-request-id'),
      payload,
      meta: {
        entity: payload.PrimaryEntityName,
        organization: getHeader(request, 'x-ms-dynamics-organization') ?? payload.OrganizationName,
      },
    };
  },
});
