import { generateStandardKeyPair, generateStandardSecret } from '@hookwire/core';
import { invalid, SenderError, SenderLimitError } from './errors.js';
import type { EventTypeCatalogue } from './event-types.js';
import { runHook, type SenderHooks, withoutSecrets } from './hooks.js';
import type { HttpClient } from './http.js';
import { newId } from './ids.js';
import type { OperationalEvents } from './operational.js';
import { type OwnershipCheck, verifyOwnership } from './ownership.js';
import { DEFAULT_TENANT, type Scope, withinScope } from './scope.js';
import type { AddressGuard } from './ssrf.js';
import type { SenderStore, SubscriptionPatch } from './store.js';
import type { Telemetry } from './telemetry.js';
import type { Page, SigningScheme, Subscription } from './types.js';
import {
  type SubscriptionInput,
  type SubscriptionUpdate,
  validateSecret,
  validateSubscriptionInput,
  validateSubscriptionUpdate,
} from './validation.js';

export interface SubscriptionsContext {
  store: SenderStore;
  catalogue: EventTypeCatalogue;
  guard: AddressGuard;
  http: HttpClient;
  hooks: SenderHooks;
  now: () => number;
  userAgent: string;
  rotationGraceMs: number;
  ownershipChecks: readonly OwnershipCheck[];
  maxSubscriptionsPerTenant: number;
  operational: OperationalEvents;
  telemetry: Telemetry;
}

/** A new secret for the scheme: a `whsec_` secret, or a `whsk_` ed25519 signing key. */
function newSecret(signing: SigningScheme | undefined): string {
  return signing === 'ed25519' ? generateStandardKeyPair().signingKey : generateStandardSecret(32);
}

/** Subscriptions and their signing secrets: create, read, change, rotate, disable, delete. */
export class Subscriptions {
  constructor(private readonly ctx: SubscriptionsContext) {}

  /** Validates, checks the URL against the SSRF guard (and ownership when enabled), stores. */
  async create(input: SubscriptionInput, scope: Scope = {}): Promise<Subscription> {
    const { store, guard, now: clock } = this.ctx;
    // The operator's tenant subscribes to the sender's own events, which no catalogue lists.
    const operational = this.ctx.operational.settings?.tenant;
    const known =
      scope.tenant !== undefined && scope.tenant === operational
        ? undefined
        : await this.ctx.catalogue.names();
    const valid = validateSubscriptionInput(input, known);
    await guard.checkUrl(valid.url);
    const now = clock();
    const subscription: Subscription = {
      id: newId('sub', now),
      tenant: scope.tenant ?? DEFAULT_TENANT,
      url: valid.url,
      events: valid.events,
      secrets: [{ secret: valid.secret ?? newSecret(valid.signing), createdAt: now }],
      headers: valid.headers ?? {},
      metadata: valid.metadata ?? {},
      ...(valid.description !== undefined ? { description: valid.description } : {}),
      format: valid.format ?? 'standard',
      ...(valid.retrySchedule ? { retrySchedule: valid.retrySchedule } : {}),
      ...(valid.filter !== undefined ? { filter: valid.filter } : {}),
      ...(valid.ordered ? { ordered: true } : {}),
      ...(valid.rateLimit !== undefined ? { rateLimit: valid.rateLimit } : {}),
      ...(valid.signing === 'ed25519' ? { signing: 'ed25519' as const } : {}),
      disabled: valid.disabled ?? false,
      ...(valid.disabled ? { disabledReason: 'created disabled' } : {}),
      createdAt: now,
      updatedAt: now,
    };
    const { ownershipChecks, http, userAgent } = this.ctx;
    if (ownershipChecks.length > 0) {
      await verifyOwnership(http, subscription, ownershipChecks, now, userAgent);
    }
    const max = this.ctx.maxSubscriptionsPerTenant;
    // `=== false`: a store written before the limit existed answers nothing and stores.
    if ((await store.insertSubscription(subscription, { maxPerTenant: max })) === false) {
      throw new SenderLimitError(
        'maxSubscriptionsPerTenant',
        max,
        `This tenant already has ${max} subscriptions, the most it may hold; delete one first.`,
      );
    }
    return subscription;
  }

  /** The subscription (secrets included: strip them before showing it), or a `not_found` error. */
  async get(id: string, scope: Scope = {}): Promise<Subscription> {
    return withinScope(await this.ctx.store.getSubscription(id), scope, `No subscription ${id}.`);
  }

  list(query: Scope & { limit?: number; cursor?: string } = {}): Promise<Page<Subscription>> {
    return this.ctx.store.listSubscriptions({
      limit: query.limit ?? 100,
      ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
      ...(query.tenant !== undefined ? { tenant: query.tenant } : {}),
    });
  }

  async update(id: string, update: SubscriptionUpdate, scope: Scope = {}): Promise<Subscription> {
    const current = await this.get(id, scope);
    const valid = validateSubscriptionUpdate(update, await this.ctx.catalogue.names());
    if (valid.url !== undefined && valid.url !== current.url) await this.ctx.guard.checkUrl(valid.url);
    const patch: SubscriptionPatch = { updatedAt: this.ctx.now() };
    if (valid.url !== undefined) patch.url = valid.url;
    if (valid.events !== undefined) patch.events = valid.events;
    if (valid.headers !== undefined) patch.headers = valid.headers;
    if (valid.metadata !== undefined) patch.metadata = valid.metadata;
    if (valid.description !== undefined) patch.description = valid.description ?? undefined;
    if (valid.retrySchedule !== undefined) patch.retrySchedule = valid.retrySchedule ?? undefined;
    if (valid.filter !== undefined) patch.filter = valid.filter ?? undefined;
    if (valid.ordered !== undefined) patch.ordered = valid.ordered || undefined;
    if (valid.rateLimit !== undefined) patch.rateLimit = valid.rateLimit ?? undefined;
    if (valid.format !== undefined && current.signing === 'ed25519' && valid.format !== 'standard') {
      throw invalid(
        'format',
        'This subscription signs with ed25519, which only the standard format carries.',
      );
    }
    if (valid.format !== undefined && current.signing !== 'ed25519') {
      if (valid.format === 'standard') validateSecret(current.secrets[0]!.secret, 'standard');
      patch.format = valid.format;
    }
    if (valid.disabled === true && !current.disabled) {
      patch.disabled = true;
      patch.disabledReason = 'disabled by its owner';
    } else if (valid.disabled === false && current.disabled) {
      // Re-enabling starts the failure clock afresh.
      Object.assign(patch, {
        disabled: false,
        disabledReason: undefined,
        failingSince: undefined,
        consecutiveFailures: undefined,
      });
    }
    return this.patch(id, patch);
  }

  async delete(id: string, scope: Scope = {}): Promise<void> {
    await this.get(id, scope);
    await this.ctx.store.deleteSubscription(id);
  }

  /**
   * Issues a new secret (or installs `secret`); the previous ones keep signing for `graceMs`
   * (default `rotationGraceMs`, 24 h), so every delivery meanwhile carries both signatures.
   */
  async rotateSecret(
    id: string,
    options: Scope & { secret?: string; graceMs?: number } = {},
  ): Promise<Subscription> {
    const current = await this.get(id, options);
    const now = this.ctx.now();
    const secret =
      options.secret === undefined
        ? newSecret(current.signing)
        : validateSecret(options.secret, current.format, current.signing);
    const graceMs = options.graceMs ?? this.ctx.rotationGraceMs;
    const kept = current.secrets
      .filter((s) => s.expiresAt === undefined || s.expiresAt > now)
      .map((s) => ({ ...s, expiresAt: Math.min(s.expiresAt ?? Number.POSITIVE_INFINITY, now + graceMs) }))
      .filter((s) => s.expiresAt > now);
    return this.patch(id, { secrets: [{ secret, createdAt: now }, ...kept], updatedAt: now });
  }

  /** Disables a subscription the worker gave up on (410 Gone, failing too long) and tells the hook. */
  async disable(subscription: Subscription, reason: string): Promise<void> {
    const { store, hooks } = this.ctx;
    const current = await store.getSubscription(subscription.id);
    if (!current || current.disabled) return;
    const updated = await store.updateSubscription(subscription.id, {
      disabled: true,
      disabledReason: reason,
      updatedAt: this.ctx.now(),
    });
    if (!updated) return;
    this.ctx.telemetry.subscriptionDisabled();
    this.ctx.operational.disabled(updated, reason);
    runHook(hooks, hooks.onSubscriptionDisabled, { subscription: withoutSecrets(updated), reason });
  }

  private async patch(id: string, patch: SubscriptionPatch): Promise<Subscription> {
    const updated = await this.ctx.store.updateSubscription(id, patch);
    if (!updated) throw new SenderError('not_found', `No subscription ${id}.`);
    return updated;
  }
}
