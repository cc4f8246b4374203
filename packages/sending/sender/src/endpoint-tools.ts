import { SenderError } from './errors.js';
import type { EventTypeCatalogue } from './event-types.js';
import type { HttpClient } from './http.js';
import { newId } from './ids.js';
import { buildRequest } from './payload.js';
import { compileFilter } from './payload-filter.js';
import type { Scope } from './scope.js';
import type { AttemptStats, SenderStore } from './store.js';
import type { Subscriptions } from './subscriptions.js';
import { validateEventType } from './validation.js';

export interface EndpointToolsContext {
  store: SenderStore;
  catalogue: EventTypeCatalogue;
  subscriptions: Subscriptions;
  http: HttpClient;
  now: () => number;
  userAgent: string;
}

/** What `sendExample` answers: the one attempt, as it went. */
export interface ExampleAttempt {
  eventId: string;
  type: string;
  /** HTTP status; absent when no response came (timeout, connection error, blocked address). */
  status?: number;
  succeeded: boolean;
  durationMs: number;
  /** The first characters of the response body. */
  responseExcerpt?: string;
  error?: string;
}

export interface SubscriptionStats {
  lastHour: AttemptStats;
  lastDay: AttemptStats;
}

const EXCERPT_CHARS = 1024;
const HOUR = 3_600_000;

/** What an endpoint's owner does besides editing it: test its filter, send it an example, read its stats. */
export class EndpointTools {
  constructor(private readonly ctx: EndpointToolsContext) {}

  /** Whether `data` passes the subscription's payload filter (always, without one). */
  async testFilter(id: string, data: unknown, scope: Scope = {}): Promise<boolean> {
    const subscription = await this.ctx.subscriptions.get(id, scope);
    return subscription.filter === undefined || compileFilter(subscription.filter)(data);
  }

  /**
   * Sends one signed event of `type` (the catalogue's example `data`, or `data` when given) to the
   * subscription's URL through the SSRF guard, now, outside the delivery log and its retries.
   */
  async sendExample(
    id: string,
    input: { type: unknown; data?: unknown },
    scope: Scope = {},
  ): Promise<ExampleAttempt> {
    const subscription = await this.ctx.subscriptions.get(id, scope);
    const type = validateEventType(input.type);
    const types = await this.ctx.catalogue.byName();
    if (types.size > 0 && !types.has(type)) {
      throw new SenderError(
        'unknown_event_type',
        `"${type}" is not in the event-type catalogue (see GET /event-types).`,
        {
          field: 'type',
        },
      );
    }
    const data =
      input.data !== undefined ? input.data : types.size > 0 ? await this.ctx.catalogue.example(type) : {};
    const now = this.ctx.now();
    const event = { id: newId('evt', now), type, data, createdAt: now, tenant: subscription.tenant };
    const request = buildRequest({ event, subscription, attempt: 1, now, userAgent: this.ctx.userAgent });
    const outcome = await this.ctx.http.send('POST', subscription.url, request.headers, request.body);
    const excerpt = outcome.excerpt ? outcome.excerpt.slice(0, EXCERPT_CHARS) : undefined;
    return {
      eventId: event.id,
      type,
      ...(outcome.status !== undefined ? { status: outcome.status } : {}),
      succeeded: outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300,
      durationMs: outcome.durationMs,
      ...(excerpt ? { responseExcerpt: excerpt } : {}),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    };
  }

  /** Attempts, successes, failures and latency percentiles of the last hour and day. */
  async stats(id: string, scope: Scope = {}): Promise<SubscriptionStats> {
    await this.ctx.subscriptions.get(id, scope);
    const { store } = this.ctx;
    if (!store.attemptStats) {
      throw new SenderError('conflict', 'This store does not compute endpoint statistics (attemptStats).');
    }
    const now = this.ctx.now();
    const [lastHour, lastDay] = await Promise.all([
      store.attemptStats(id, now - HOUR, now),
      store.attemptStats(id, now - 24 * HOUR, now),
    ]);
    return { lastHour, lastDay };
  }
}
