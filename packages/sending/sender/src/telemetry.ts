/**
 * Metrics and spans through `@opentelemetry/api`, an optional peer dependency: loaded once when the
 * sender is created; without it, or without an SDK registered, every call here does nothing.
 */
import type * as Otel from '@opentelemetry/api';
import type { QueueDepth } from './store.js';

/** A pino-compatible logger: an object of fields first, then the message. */
export interface Logger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

export type AttemptOutcome = 'succeeded' | 'retry' | 'failed';

export interface AttemptReport {
  outcome: AttemptOutcome;
  status?: number;
  durationMs: number;
  /** From when the delivery was due to the start of the attempt; absent when unknown. */
  lagMs?: number;
}

type Api = typeof Otel;

let loading: Promise<Api | undefined> | undefined;

function loadApi(): Promise<Api | undefined> {
  loading ??= import('@opentelemetry/api').then(
    (api) => api,
    () => undefined,
  );
  return loading;
}

/** `2xx`, `4xx`, `5xx`…, or `none` when no response came. */
export function statusClass(status: number | undefined): string {
  return status === undefined ? 'none' : `${Math.floor(status / 100)}xx`;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

interface Instruments {
  api: Api;
  tracer: Otel.Tracer;
  published: Otel.Counter;
  deliveries: Otel.Counter;
  attemptDuration: Otel.Histogram;
  lag: Otel.Histogram;
  disabled: Otel.Counter;
  depth: Otel.ObservableGauge;
}

export class Telemetry {
  private instruments: Instruments | undefined;
  private depthSource: ((now: number) => Promise<QueueDepth>) | undefined;
  readonly ready: Promise<void>;

  constructor(private readonly now: () => number) {
    this.ready = loadApi().then((api) => {
      if (api) this.instruments = this.create(api);
    });
  }

  private create(api: Api): Instruments {
    const meter = api.metrics.getMeter('@hookwire/sender');
    const depth = meter.createObservableGauge('hookwire.queue.depth', {
      description: 'Pending deliveries: due now (state=due) and waiting for their time (state=scheduled).',
    });
    depth.addCallback(this.observeDepth);
    return {
      api,
      tracer: api.trace.getTracer('@hookwire/sender'),
      published: meter.createCounter('hookwire.events.published', { description: 'Events published.' }),
      deliveries: meter.createCounter('hookwire.deliveries', {
        description: 'Delivery attempts by outcome (succeeded, retry, failed) and HTTP status class.',
      }),
      attemptDuration: meter.createHistogram('hookwire.attempt.duration', {
        description: 'Duration of one delivery attempt.',
        unit: 'ms',
      }),
      lag: meter.createHistogram('hookwire.delivery.lag', {
        description: 'From when a delivery was due to the start of its attempt.',
        unit: 'ms',
      }),
      disabled: meter.createCounter('hookwire.subscriptions.disabled', {
        description: 'Subscriptions the sender disabled (410 Gone, failing for too long).',
      }),
      depth,
    };
  }

  private readonly observeDepth = async (result: Otel.ObservableResult): Promise<void> => {
    if (!this.depthSource) return;
    try {
      const { due, scheduled } = await this.depthSource(this.now());
      result.observe(due, { state: 'due' });
      result.observe(scheduled, { state: 'scheduled' });
    } catch {
      // A failed count leaves the gauge out of this collection.
    }
  };

  /** True once `@opentelemetry/api` is loaded: spans and metrics are then made (no-ops without an SDK). */
  get enabled(): boolean {
    return this.instruments !== undefined;
  }

  /** Stops observing the queue (a closed sender must not be counted, nor kept alive by the meter). */
  close(): void {
    this.depthSource = undefined;
    this.instruments?.depth.removeCallback(this.observeDepth);
  }

  /** Where the queue-depth gauge reads from (the queue's `depth`, when it has one). */
  observeQueue(source: ((now: number) => Promise<QueueDepth>) | undefined): void {
    this.depthSource = source;
  }

  /** Runs a publish in a span; `run` gets the span's `traceparent` when the span is recorded. */
  async publishSpan<T>(
    type: string,
    run: (traceparent: string | undefined) => Promise<T>,
    deliveriesOf: (result: T) => number,
  ): Promise<T> {
    await this.ready;
    const otel = this.instruments;
    if (!otel) return run(undefined);
    const { api } = otel;
    return otel.tracer.startActiveSpan(
      'hookwire.publish',
      { kind: api.SpanKind.PRODUCER, attributes: { 'hookwire.event.type': type } },
      async (span) => {
        try {
          const context = span.spanContext();
          const traceparent = span.isRecording()
            ? `00-${context.traceId}-${context.spanId}-0${(context.traceFlags & 1).toString(16)}`
            : undefined;
          const result = await run(traceparent);
          const count = deliveriesOf(result);
          span.setAttribute('hookwire.deliveries', count);
          otel.published.add(1, { 'hookwire.event.type': type });
          return result;
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: api.SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  /** Runs an attempt in a span that continues the publish's trace (its `traceparent`). */
  async attemptSpan<T>(
    traceparent: string | undefined,
    attributes: Record<string, string | number>,
    run: (span: Otel.Span | undefined) => Promise<T>,
  ): Promise<T> {
    const otel = this.instruments;
    if (!otel) return run(undefined);
    const { api } = otel;
    const parsed = traceparent ? TRACEPARENT.exec(traceparent) : null;
    const parent = parsed
      ? api.trace.setSpanContext(api.ROOT_CONTEXT, {
          traceId: parsed[1]!,
          spanId: parsed[2]!,
          traceFlags: Number.parseInt(parsed[3]!, 16),
          isRemote: true,
        })
      : api.ROOT_CONTEXT;
    const span = otel.tracer.startSpan('hookwire.attempt', { kind: api.SpanKind.CLIENT, attributes }, parent);
    try {
      return await run(span);
    } finally {
      span.end();
    }
  }

  /** Marks an attempt span with its HTTP outcome. */
  endAttempt(span: Otel.Span | undefined, report: AttemptReport): void {
    const otel = this.instruments;
    if (!otel) return;
    const attributes = { outcome: report.outcome, status_class: statusClass(report.status) };
    otel.deliveries.add(1, attributes);
    otel.attemptDuration.record(report.durationMs, attributes);
    if (report.lagMs !== undefined) otel.lag.record(Math.max(0, report.lagMs));
    if (!span) return;
    if (report.status !== undefined) span.setAttribute('http.response.status_code', report.status);
    span.setAttribute('hookwire.outcome', report.outcome);
    if (report.outcome !== 'succeeded') span.setStatus({ code: otel.api.SpanStatusCode.ERROR });
  }

  subscriptionDisabled(): void {
    this.instruments?.disabled.add(1);
  }
}
