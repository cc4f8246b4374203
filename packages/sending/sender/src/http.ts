import { Agent, type Dispatcher } from 'undici';
import { ResponseCollector } from './response-collector.js';
import type { AddressGuard } from './ssrf.js';

export interface HttpClientOptions {
  guard: AddressGuard;
  connectTimeoutMs: number;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Replaces the guarded keep-alive agent (advanced: a proxy, a mock). */
  dispatcher?: Dispatcher;
}

export interface HttpOutcome {
  status?: number;
  /** Lower-case names; only those the sender reads (`retry-after`, `location`). */
  headers: Record<string, string>;
  /** Up to `maxResponseBytes` of the response body, as text. */
  excerpt?: string;
  /** Why no usable response came: timeout, connection error, blocked address. */
  error?: string;
  durationMs: number;
}

/** Where a URL goes, parsed once per URL: undici's `request()` would parse it on every call. */
type Target = { origin: string; path: string; blocked?: undefined } | { blocked: string };

/** URLs remembered (subscriptions' endpoints); past this the cache starts again. */
const TARGETS_KEPT = 4096;

/**
 * The sender's HTTP client: undici's `dispatch` over one Agent, which keeps one keep-alive pool
 * per origin. A small handler (`ResponseCollector`) takes the status, the two headers the sender
 * reads and a capped excerpt of the body straight from undici, without the stream and the async
 * resource that `request()` builds per call. Redirects are never followed (a 3xx is an answer
 * like any other). Every request has a connect timeout and a total timeout covering the response
 * body.
 */
export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly targets = new Map<string, Target>();
  /** Responses whose body is still arriving, cut at their deadline by one shared timer. */
  readonly reading = new Set<ResponseCollector>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly options: HttpClientOptions) {
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        connect: {
          timeout: options.connectTimeoutMs,
          ...(options.guard.allowPrivateNetwork ? {} : { lookup: options.guard.lookup }),
        },
        keepAliveTimeout: 4_000,
      });
  }

  send(
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<HttpOutcome> {
    const started = performance.now();
    const target = this.targetOf(url);
    if (target.blocked !== undefined) {
      return Promise.resolve({
        headers: {},
        error: target.blocked,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    }
    const { timeoutMs } = this.options;
    return new Promise<HttpOutcome>((resolve) => {
      const collector = new ResponseCollector(
        started,
        timeoutMs,
        this.options.maxResponseBytes,
        resolve,
        this,
      );
      // undici's own timers bound the wait for the response head and between body chunks; the
      // whole body is bounded by the deadline sweep.
      this.dispatcher.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method,
          headers,
          ...(body === undefined ? {} : { body }),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        },
        collector,
      );
    });
  }

  /**
   * The origin and path of a URL, and whether the SSRF guard refuses its host outright (a literal
   * private address or a local name: those never reach the guarded DNS look-up). The answer
   * depends on the URL alone, so it is kept; resolved addresses are still checked per connection.
   */
  private targetOf(url: string): Target {
    let target = this.targets.get(url);
    if (target !== undefined) return target;
    try {
      const parsed = new URL(url);
      if (!this.options.guard.allowPrivateNetwork) this.options.guard.checkHost(parsed.hostname);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    } catch (error) {
      target = { blocked: (error as Error).message };
    }
    if (this.targets.size >= TARGETS_KEPT) this.targets.clear();
    this.targets.set(url, target);
    return target;
  }

  /** One timer for every response body being read: a body still arriving at its deadline is cut. */
  sweepSoon(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(
      () => {
        const now = performance.now();
        for (const reading of this.reading) reading.cutIfLate(now);
        if (this.reading.size === 0) {
          clearInterval(this.sweeper);
          this.sweeper = undefined;
        }
      },
      Math.min(250, this.options.timeoutMs / 4),
    );
    this.sweeper.unref();
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}
