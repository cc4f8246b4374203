import type { Sender } from '@hookwire/sender';
import { metrics, trace } from '@opentelemetry/api';
import {
  type DataPoint,
  MeterProvider,
  MetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memorySender, startSubscriber, waitFor } from './helpers.js';

/** A pull reader: the test collects when it wants to look. */
class TestReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

const reader = new TestReader();
const spans = new InMemorySpanExporter();

beforeAll(() => {
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
  );
});
afterAll(() => {
  metrics.disable();
  trace.disable();
});

function pointsOf(collected: ResourceMetrics, name: string): DataPoint<unknown>[] {
  for (const scope of collected.scopeMetrics) {
    for (const metric of scope.metrics) {
      if (metric.descriptor.name === name) return metric.dataPoints as DataPoint<unknown>[];
    }
  }
  return [];
}

describe('metrics, spans and the logger', () => {
  let sender: Sender;
  let hook: Awaited<ReturnType<typeof startSubscriber>>;
  const lines: { level: string; fields: Record<string, unknown>; message?: string }[] = [];

  beforeAll(async () => {
    // /fail answers 500 every time: one retry, then failed for good.
    hook = await startSubscriber((request, res) => res.writeHead(request.url === '/fail' ? 500 : 204).end());
    const logger = Object.fromEntries(
      (['info', 'warn', 'error'] as const).map((level) => [
        level,
        (fields: Record<string, unknown>, message?: string) => lines.push({ level, fields, message }),
      ]),
    ) as never;
    sender = memorySender({
      allowPrivateNetwork: true,
      retrySchedule: [0.02],
      jitter: 0,
      pollIntervalMs: 20,
      logger,
    });
    await sender.createSubscription({ url: `${hook.url}/ok`, events: ['order.*'] });
    await sender.createSubscription({ url: `${hook.url}/fail`, events: ['order.failed'] });
    await sender.start();
  });
  afterAll(async () => {
    await sender.close();
    await hook.close();
  });

  it('counts published events, deliveries by outcome and status class, attempt latency, lag and queue depth', async () => {
    await sender.publish({ type: 'order.created', data: {} });
    await sender.publish({ type: 'order.created', data: {} });
    await sender.publish({ type: 'order.failed', data: {} });
    // 3 to /ok, 2 attempts to /fail.
    await waitFor(() => lines.length === 5, 5000, 'five outcomes');

    const { resourceMetrics } = await reader.collect();
    const sum = (name: string, attributes: Record<string, string> = {}) =>
      pointsOf(resourceMetrics, name)
        .filter((p) => Object.entries(attributes).every(([k, v]) => p.attributes[k] === v))
        .reduce((total, p) => total + (p.value as number), 0);
    expect(sum('hookwire.events.published')).toBe(3);
    expect(sum('hookwire.deliveries', { outcome: 'succeeded', status_class: '2xx' })).toBe(3);
    expect(sum('hookwire.deliveries', { outcome: 'retry', status_class: '5xx' })).toBe(1);
    expect(sum('hookwire.deliveries', { outcome: 'failed', status_class: '5xx' })).toBe(1);
    const latency = pointsOf(resourceMetrics, 'hookwire.attempt.duration');
    expect(latency.reduce((n, p) => n + (p.value as { count: number }).count, 0)).toBe(5);
    const lag = pointsOf(resourceMetrics, 'hookwire.delivery.lag');
    expect(lag.reduce((n, p) => n + (p.value as { count: number }).count, 0)).toBeGreaterThanOrEqual(4);
    const depth = pointsOf(resourceMetrics, 'hookwire.queue.depth');
    expect(depth.map((p) => p.attributes.state).sort()).toEqual(['due', 'scheduled']);
    expect(depth.every((p) => p.value === 0)).toBe(true);
  });

  it("continues the publish's trace in each attempt's span", async () => {
    spans.reset();
    await sender.publish({ type: 'order.created', data: {} });
    await waitFor(
      () => spans.getFinishedSpans().some((s) => s.name === 'hookwire.attempt'),
      5000,
      'an attempt span',
    );
    const publish = spans.getFinishedSpans().find((s) => s.name === 'hookwire.publish')!;
    const attempt = spans.getFinishedSpans().find((s) => s.name === 'hookwire.attempt')!;
    expect(attempt.spanContext().traceId).toBe(publish.spanContext().traceId);
    expect(attempt.parentSpanContext?.spanId).toBe(publish.spanContext().spanId);
    expect(attempt.attributes['http.response.status_code']).toBe(204);
  });

  it('logs one line per delivery outcome, never a secret', async () => {
    const outcomes = lines
      .slice(0, 5)
      .map((l) => `${l.level}:${l.fields.outcome}`)
      .sort();
    expect(outcomes).toEqual([
      'error:failed',
      'info:succeeded',
      'info:succeeded',
      'info:succeeded',
      'warn:retry',
    ]);
    expect(lines[0]!.fields).toMatchObject({
      deliveryId: expect.stringMatching(/^dlv_/),
      eventType: expect.any(String),
    });
    const secrets = (await sender.listSubscriptions()).items.map((s) => s.secrets[0]!.secret);
    for (const line of lines) {
      for (const secret of secrets) expect(JSON.stringify(line)).not.toContain(secret);
    }
  });
});
