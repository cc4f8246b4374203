import type { Dispatcher } from 'undici';
import type { HttpOutcome } from './http.js';

/** What a collector needs from its client: the shared deadline sweep over bodies being read. */
export interface BodyDeadlines {
  readonly reading: Set<ResponseCollector>;
  sweepSoon(): void;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Why a collector cut its own request (never reported as an error). */
const CAPPED = new Error('response excerpt complete');
const LATE = new Error('response deadline passed');

/**
 * One attempt's undici dispatch handler: keeps the status, `retry-after` and `location`, and the
 * first `cap` bytes of the body (then drops the connection rather than read the rest), and settles
 * its promise once with the outcome. A body still arriving at `started + timeoutMs` is cut by the
 * client's sweep (`cutIfLate`).
 */
export class ResponseCollector implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private status: number | undefined;
  private kept: Record<string, string> = {};
  private chunks: Buffer[] = [];
  private size = 0;
  private cut: Error | undefined;
  private settled = false;
  private readonly deadline: number;

  constructor(
    private readonly started: number,
    private readonly timeoutMs: number,
    private readonly cap: number,
    private readonly resolve: (outcome: HttpOutcome) => void,
    private readonly deadlines: BodyDeadlines,
  ) {
    this.deadline = started + timeoutMs;
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200) return; // 1xx: the answer is still to come
    this.controller = controller;
    this.status = statusCode;
    const retryAfter = headers['retry-after'];
    if (retryAfter !== undefined) this.kept['retry-after'] = String(retryAfter);
    const location = headers.location;
    if (location !== undefined) this.kept.location = String(location);
    this.deadlines.reading.add(this);
    this.deadlines.sweepSoon();
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.cut) return;
    const room = this.cap - this.size;
    if (chunk.length <= room) {
      this.chunks.push(chunk);
      this.size += chunk.length;
      return;
    }
    if (room > 0) this.chunks.push(chunk.subarray(0, room));
    this.size = this.cap;
    this.cut = CAPPED;
    // Not from inside undici's parser callback: once it has returned (a body that ended in the
    // same read completes instead, and the abort does nothing).
    queueMicrotask(() => controller.abort(CAPPED));
  }

  onResponseEnd(): void {
    this.finish();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.cut === LATE) this.fail(`timed out after ${this.timeoutMs} ms`);
    else if (this.cut === CAPPED) this.finish();
    else this.fail(describeError(error, this.timeoutMs));
  }

  /** The sweep's check: a body still arriving past the deadline is cut (a timeout). */
  cutIfLate(now: number): void {
    if (now < this.deadline || this.settled) return;
    this.cut = LATE;
    this.deadlines.reading.delete(this);
    this.controller?.abort(LATE);
  }

  private finish(): void {
    if (this.settled) return;
    this.settled = true;
    this.deadlines.reading.delete(this);
    const { chunks } = this;
    const excerpt =
      chunks.length === 0
        ? ''
        : decoder.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, this.size));
    this.resolve({ status: this.status!, headers: this.kept, excerpt, durationMs: this.elapsed() });
  }

  private fail(error: string): void {
    if (this.settled) return;
    this.settled = true;
    this.deadlines.reading.delete(this);
    this.resolve({ headers: {}, error, durationMs: this.elapsed() });
  }

  private elapsed(): number {
    return Math.round((performance.now() - this.started) * 10) / 10;
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
