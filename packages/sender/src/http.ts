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
    try {
      // Literal addresses never reach the guarded DNS look-up, so they are checked here.
      this.options.guard.checkHost(new URL(url).hostname);
    } catch (error) {
      return { headers: {}, error: (error as Error).message, durationMs: elapsed() };
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.options.timeoutMs);
    try {
      const response = await request(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        dispatcher: this.dispatcher,
        signal: abort.signal,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      const excerpt = await this.readCapped(response.body);
      const kept: Record<string, string> = {};
      for (const name of ['retry-after', 'location']) {
        const value = response.headers[name];
        if (value !== undefined) kept[name] = Array.isArray(value) ? value[0]! : value;
      }
      return { status: response.statusCode, headers: kept, excerpt, durationMs: elapsed() };
    } catch (error) {
      const message = abort.signal.aborted
        ? `timed out after ${this.options.timeoutMs} ms`
        : describeError(error);
      return { headers: {}, error: message, durationMs: elapsed() };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Reads at most the cap, then drops the rest (closing the connection if much more is coming). */
  private async readCapped(body: Dispatcher.ResponseData['body']): Promise<string> {
    const cap = this.options.maxResponseBytes;
    const chunks: Buffer[] = [];
    let size = 0;
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
    return decoder.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}

function describeError(error: unknown): string {
  const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err.code ?? err.cause?.code;
  const message = err.cause?.message ?? err.message ?? String(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return `connect timeout: ${message}`;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
