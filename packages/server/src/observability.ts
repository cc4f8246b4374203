import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@hookwire/sender';
import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import pino from 'pino';

let exporter: PrometheusExporter | undefined;

/**
 * The process's Prometheus exporter, registered once as the global OpenTelemetry meter provider
 * (before the sender is created, so its metrics land there). An application that registered its
 * own provider first keeps it: the sender's metrics then go there, and /metrics has none of them.
 */
export function prometheusMetrics(): (req: IncomingMessage, res: ServerResponse) => void {
  if (!exporter) {
    exporter = new PrometheusExporter({ preventServerStart: true });
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [exporter] }));
  }
  const serving = exporter;
  return (req, res) => serving.getMetricsRequestHandler(req, res);
}

/**
 * The delivery log: JSON lines through pino on standard output, one per delivery outcome, at
 * `HOOKWIRE_LOG_LEVEL` (default `info`; `silent` turns it off). The sender's fields carry ids,
 * types, status and timing, never a secret, a header or a body.
 */
export function deliveryLogger(env: NodeJS.ProcessEnv): Logger {
  return pino({ name: 'hookwire', level: env.HOOKWIRE_LOG_LEVEL ?? 'info' });
}
