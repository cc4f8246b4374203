import type { Bucket } from './format.js';
import { ColumnHeads } from './ui.js';

const WIDTH = 960;
const HEIGHT = 150;
const GAP = 12;

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** Deliveries by outcome over time as stacked bars, with the numbers in a table for screen readers. */
export function DeliveryChart({ buckets, caption }: { buckets: Bucket[]; caption: string }) {
  const max = Math.max(1, ...buckets.map((b) => b.succeeded + b.failed + b.pending));
  const width = WIDTH;
  const bar = WIDTH / Math.max(1, buckets.length) - GAP;
  const scale = (n: number) => (n / max) * (HEIGHT - 20);
  return (
    <figure class="chart">
      <figcaption>{caption}</figcaption>
      <svg viewBox={`0 0 ${width} ${HEIGHT + 20}`} width="100%" aria-hidden="true" focusable="false">
        {buckets.map((bucket, i) => {
          const x = i * (bar + GAP);
          let y = HEIGHT;
          const parts = (['succeeded', 'failed', 'pending'] as const).map((status) => {
            const h = scale(bucket[status]);
            y -= h;
            return h > 0 ? (
              <rect key={status} class={`bar-${status}`} x={x} y={y} width={bar} height={h} rx={2} />
            ) : null;
          });
          return (
            <g key={bucket.start}>
              {parts}
              {i % 2 === 0 ? (
                <text x={x} y={HEIGHT + 16} class="chart-label">
                  {clock(bucket.start)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} class="chart-axis" />
      </svg>
      <ul class="legend">
        <li>
          <span class="swatch bar-succeeded" /> succeeded
        </li>
        <li>
          <span class="swatch bar-failed" /> failed
        </li>
        <li>
          <span class="swatch bar-pending" /> pending
        </li>
      </ul>
      <table class="visually-hidden">
        <caption>{caption}</caption>
        <ColumnHeads names={['From (UTC)', 'Events', 'Succeeded', 'Failed', 'Pending']} />
        <tbody>
          {buckets.map((b) => (
            <tr key={b.start}>
              <td>{clock(b.start)}</td>
              <td>{b.events}</td>
              <td>{b.succeeded}</td>
              <td>{b.failed}</td>
              <td>{b.pending}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
