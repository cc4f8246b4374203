import { Agent, type Dispatcher, request } from 'undici';
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

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * The sender's HTTP client: undici's `request` API over one Agent, which keeps one keep-alive
 * pool per origin. Redirects are never followed (a 3xx is an answer like any other). Every
 * request has a connect timeout and a total timeout covering the response body.
 */
export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

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

  async send(
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<HttpOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    if (!this.options.guard.allowPrivateNetwork) {
      try {
        // Literal addresses never reach the guarded DNS look-up, so they are checked here.
        this.options.guard.checkHost(new URL(url).hostname);
      } catch (error) {
        return { headers: {}, error: (error as Error).message, durationMs: elapsed() };
      }
    }
    const { timeoutMs } = this.options;
    try {
      // undici's own timers bound the wait for the response head (cheaper than an AbortSignal per
      // request); the body is bounded by the deadline sweep below.
      const response = await request(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        dispatcher: this.dispatcher,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const reading = { body: response.body, deadline: started + timeoutMs, timedOut: false };
      this.reading.add(reading);
      this.sweepSoon();
      let excerpt: string;
      try {
        excerpt = await this.readCapped(response.body, response.headers['content-length']);
      } finally {
        this.reading.delete(reading);
      }
      if (reading.timedOut)
        return { headers: {}, error: `timed out after ${timeoutMs} ms`, durationMs: elapsed() };
      const kept: Record<string, string> = {};
      const retryAfter = response.headers['retry-after'];
      if (retryAfter !== undefined) kept['retry-after'] = String(retryAfter);
      const location = response.headers.location;
      if (location !== undefined) kept.location = String(location);
      return { status: response.statusCode, headers: kept, excerpt, durationMs: elapsed() };
    } catch (error) {
      return { headers: {}, error: describeError(error, timeoutMs), durationMs: elapsed() };
    }
  }

  private readonly reading = new Set<{
    body: Dispatcher.ResponseData['body'];
    deadline: number;
    timedOut: boolean;
  }>();
  private sweeper: NodeJS.Timeout | undefined;

  /** One timer for every response body being read: a body still arriving at its deadline is cut. */
  private sweepSoon(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(
      () => {
        const now = performance.now();
        for (const reading of this.reading) {
          if (now >= reading.deadline) {
            reading.timedOut = true;
            reading.body.destroy();
          }
        }
        if (this.reading.size === 0) {
          clearInterval(this.sweeper);
          this.sweeper = undefined;
        }
      },
      Math.min(250, this.options.timeoutMs / 4),
    );
    this.sweeper.unref();
  }

  /** Reads at most the cap, then drops the rest (closing the connection if much more is coming). */
  private async readCapped(
    body: Dispatcher.ResponseData['body'],
    contentLength: string | string[] | undefined,
  ): Promise<string> {
    const cap = this.options.maxResponseBytes;
    const length = typeof contentLength === 'string' ? Number(contentLength) : Number.NaN;
    if (length <= cap) return body.text();
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of body) {
        const buffer = chunk as Buffer;
        if (size + buffer.length > cap) {
          chunks.push(buffer.subarray(0, cap - size));
          size = cap;
          body.destroy();
          break;
        }
        chunks.push(buffer);
        size += buffer.length;
      }
    } catch (error) {
      if (!body.destroyed || size === 0) throw error;
    }
    return decoder.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}

function describeError(error: unknown, timeoutMs: number): string {
  const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err.code ?? err.cause?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return `timed out after ${timeoutMs} ms`;
  const message = err.cause?.message ?? err.message ?? String(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return `connect timeout: ${message}`;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
