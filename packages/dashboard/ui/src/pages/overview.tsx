import { useState } from 'preact/hooks';
import { enc } from '../api.js';
import { DeliveryChart } from '../chart.js';
import { useSession } from '../context.js';
import { allSubscriptions, recentDeliveries } from '../data.js';
import {
  bucketDeliveries,
  countByStatus,
  formatDuration,
  formatRate,
  formatTime,
  healthOf,
  medianLagMs,
} from '../format.js';
import { useLoad } from '../hooks.js';
import { ActionButton, Empty, ErrorNote, InlineInput, Loading, PageTitle, Status } from '../ui.js';
import { statsOf } from './subscriptions.js';

const BUCKET = 5 * 60_000;
const BUCKETS = 12;

/** Deliveries by outcome over the last hour, the success rate and the subscriptions failing now. */
export function OverviewPage() {
  const { api, portal } = useSession();
  const loaded = useLoad(
    async () => {
      const subscriptions = await allSubscriptions(api);
      const [deliveries, stats] = await Promise.all([
        recentDeliveries(api, { subscriptions, limit: 200 }),
        statsOf(api, subscriptions),
      ]);
      return { subscriptions, deliveries, stats, now: Date.now() };
    },
    [],
    true,
  );
  const data = loaded.data;
  const counts = data ? countByStatus(data.deliveries) : undefined;
  const day = data ? [...data.stats.values()].map((s) => s.lastDay) : [];
  const successes = day.reduce((sum, d) => sum + d.successes, 0);
  const failures = day.reduce((sum, d) => sum + d.failures, 0);
  const failing =
    data?.subscriptions.filter((s) => healthOf(s, data.stats.get(s.id)?.lastDay) === 'failing') ?? [];
  return (
    <section>
      <PageTitle>Overview</PageTitle>
      <ErrorNote error={loaded.error} />
      <Loading loading={loaded.loading && !data} />
      {data && counts ? (
        <>
          <ul class="tiles">
            <li>
              <span class="tile-value">{data.subscriptions.length}</span> subscriptions
            </li>
            <li>
              <span class="tile-value">{new Set(data.deliveries.map((d) => d.eventId)).size}</span> recent
              events
            </li>
            <li>
              <span class="tile-value">
                {data.stats.size > 0
                  ? formatRate(successes, failures)
                  : formatRate(counts.succeeded, counts.failed)}
              </span>{' '}
              {data.stats.size > 0 ? 'attempts succeeded (24 h)' : 'deliveries succeeded'}
            </li>
            <li>
              <span class="tile-value">{formatDuration(medianLagMs(data.deliveries))}</span> median delivery
              lag
            </li>
            <li>
              <span class="tile-value">{counts.pending}</span> pending (queued or retrying)
            </li>
            <li>
              <span class="tile-value">{counts.failed}</span> failed
            </li>
          </ul>
          <DeliveryChart
            buckets={bucketDeliveries(data.deliveries, data.now, BUCKET, BUCKETS)}
            caption="Deliveries by outcome, last hour (5-minute bars, UTC)"
          />
          <h2>Failing now</h2>
          {failing.length === 0 ? (
            <Empty>No subscription is failing.</Empty>
          ) : (
            <ul class="failing">
              {failing.map((s) => (
                <li key={s.id}>
                  <Status value="failing" /> <a href={`#/subscriptions/${enc(s.id)}`}>{s.url}</a>
                  {s.tenant ? ` (${s.tenant})` : ''}{' '}
                  {s.failingSince ? `since ${formatTime(s.failingSince)}` : ''}
                </li>
              ))}
            </ul>
          )}
          {portal ? null : <PortalLinkForm />}
        </>
      ) : null}
    </section>
  );
}

/** The operator makes a portal link for one tenant, to show a customer or embed in an iframe. */
function PortalLinkForm() {
  const { api } = useSession();
  const [tenant, setTenant] = useState('');
  const [link, setLink] = useState<{ url: string; expiresAt: string } | undefined>();
  return (
    <section class="panel" aria-labelledby="portal-link-title">
      <h2 id="portal-link-title">Subscriber portal link</h2>
      <div class="toolbar">
        <InlineInput id="portal-tenant" label="Tenant" value={tenant} onValue={setTenant} />
        <ActionButton
          label="Create portal link"
          run={async () => {
            setLink(undefined);
            setLink(
              await api.call<{ url: string; expiresAt: string }>('POST', '/portal-links', {
                tenant: tenant.trim(),
              }),
            );
          }}
        />
      </div>
      {link ? (
        <p>
          <a href={link.url} target="_blank" rel="noopener noreferrer">
            Portal for {tenant}
          </a>{' '}
          (expires {formatTime(link.expiresAt)} from now: {link.expiresAt})
          <code class="portal-url">{link.url}</code>
        </p>
      ) : null}
    </section>
  );
}
