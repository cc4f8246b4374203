import { useState } from 'preact/hooks';
import type { Attempt, Delivery, DeliveryStatus } from '../api.js';
import { enc } from '../api.js';
import { useSession } from '../context.js';
import { recentDeliveries } from '../data.js';
import { absoluteTime, formatDuration, formatTime, prettyBody, shortId } from '../format.js';
import { go, useLoad } from '../hooks.js';
import { ActionButton, ColumnHeads, Empty, ErrorNote, Loading, PageTitle, Status, TextBlock } from '../ui.js';

export const STATUS_CHOICES: { value: '' | DeliveryStatus; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'pending', label: 'Pending' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'failed', label: 'Failed' },
];

export function StatusSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (value: '' | DeliveryStatus) => void;
}) {
  return (
    <span class="field-inline">
      <label for={id}>Status</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange((e.target as HTMLSelectElement).value as DeliveryStatus)}
      >
        {STATUS_CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </span>
  );
}

export function DeliveryTable({
  deliveries,
  showSubscription,
  caption,
}: {
  deliveries: Delivery[];
  showSubscription: boolean;
  caption: string;
}) {
  const { portal } = useSession();
  if (deliveries.length === 0) return <Empty>No deliveries yet.</Empty>;
  return (
    <table class="table">
      <caption class="visually-hidden">{caption}</caption>
      <ColumnHeads
        names={[
          'Delivery',
          'Event type',
          showSubscription && 'Subscription',
          !portal && showSubscription && 'Tenant',
          'Status',
          'Attempts',
          'Last answer',
          'Created',
        ]}
      />
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.id}>
            <td>
              <a href={`#/deliveries/${enc(d.id)}`}>{shortId(d.id)}</a>
            </td>
            <td>{d.eventType}</td>
            {showSubscription ? (
              <td>
                <a href={`#/subscriptions/${enc(d.subscriptionId)}`}>{shortId(d.subscriptionId)}</a>
              </td>
            ) : null}
            {!portal && showSubscription ? <td>{d.tenant ?? '—'}</td> : null}
            <td>
              <Status value={d.status} />
            </td>
            <td>{d.attempts}</td>
            <td class="cell-clip">{d.lastStatus !== null ? `HTTP ${d.lastStatus}` : (d.lastError ?? '—')}</td>
            <td title={absoluteTime(d.createdAt)}>{formatTime(d.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Deliveries across every subscription the caller sees, newest first, refreshed while open. */
export function DeliveriesPage({ status }: { status: '' | DeliveryStatus }) {
  const { api } = useSession();
  const loaded = useLoad(
    () => recentDeliveries(api, { status: status || undefined, limit: 100 }),
    [status],
    true,
  );
  return (
    <section>
      <PageTitle>Deliveries</PageTitle>
      <div class="toolbar">
        <StatusSelect
          id="deliveries-status"
          value={status}
          onChange={(value) => go(`/deliveries${value ? `?status=${value}` : ''}`)}
        />
      </div>
      <ErrorNote error={loaded.error} />
      <Loading loading={loaded.loading && !loaded.data} />
      {loaded.data ? (
        <DeliveryTable deliveries={loaded.data} showSubscription caption="Deliveries, newest first" />
      ) : null}
    </section>
  );
}

type DeliveryWithAttempts = Omit<Delivery, 'attempts'> & { attempts: Attempt[] };

function AttemptItem({ attempt }: { attempt: Attempt }) {
  const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
  return (
    <li class="attempt">
      <h3>
        Attempt {attempt.attempt}: <Status value={ok ? 'succeeded' : 'failed'} />{' '}
        {attempt.status !== null ? `HTTP ${attempt.status}` : 'no answer'}
      </h3>
      <dl class="facts">
        <dt>Started</dt>
        <dd>{absoluteTime(attempt.startedAt)}</dd>
        <dt>Latency</dt>
        <dd>{formatDuration(attempt.durationMs)}</dd>
        {attempt.error ? (
          <>
            <dt>Error</dt>
            <dd>{attempt.error}</dd>
          </>
        ) : null}
      </dl>
      <h4>Response body (excerpt)</h4>
      <TextBlock
        text={prettyBody(attempt.responseExcerpt)}
        label={`Response body of attempt ${attempt.attempt}`}
      />
    </li>
  );
}

/** One delivery: its attempts with what the endpoint answered; retry it or redeliver its event. */
export function DeliveryPage({ id }: { id: string }) {
  const { api } = useSession();
  const [canRedeliver, setCanRedeliver] = useState(false);
  const loaded = useLoad(
    async () => {
      setCanRedeliver(await api.has('POST /events/{id}/redeliver'));
      return api.get<DeliveryWithAttempts>(`/deliveries/${enc(id)}`);
    },
    [id],
    true,
  );
  const delivery = loaded.data;
  return (
    <section>
      <PageTitle>Delivery {shortId(id)}</PageTitle>
      <ErrorNote error={loaded.error} />
      <Loading loading={loaded.loading && !delivery} />
      {delivery ? (
        <>
          <dl class="facts">
            <dt>Status</dt>
            <dd>
              <Status value={delivery.status} />
            </dd>
            <dt>Event</dt>
            <dd>
              {delivery.eventType} <code>{delivery.eventId}</code>
            </dd>
            <dt>Subscription</dt>
            <dd>
              <a href={`#/subscriptions/${enc(delivery.subscriptionId)}`}>{delivery.subscriptionId}</a>
            </dd>
            {delivery.tenant ? (
              <>
                <dt>Tenant</dt>
                <dd>{delivery.tenant}</dd>
              </>
            ) : null}
            <dt>Next attempt</dt>
            <dd>{delivery.nextAttemptAt ? formatTime(delivery.nextAttemptAt) : '—'}</dd>
          </dl>
          <div class="actions">
            <ActionButton
              label="Retry now"
              kind="primary"
              run={async () => {
                await api.call('POST', `/deliveries/${enc(id)}/retry`);
                loaded.reload();
                return 'Queued for another attempt.';
              }}
            />
            {canRedeliver ? (
              <ActionButton
                label="Redeliver the event"
                run={async () => {
                  const answer = await api.call<{ redelivered: number }>(
                    'POST',
                    `/events/${enc(delivery.eventId)}/redeliver`,
                    { subscriptionId: delivery.subscriptionId },
                  );
                  return `Redelivered to ${answer.redelivered} subscription(s).`;
                }}
              />
            ) : null}
          </div>
          <h2>Attempts</h2>
          {delivery.attempts.length === 0 ? (
            <Empty>No attempt yet.</Empty>
          ) : (
            <ol class="attempts">
              {[...delivery.attempts].reverse().map((attempt) => (
                <AttemptItem key={attempt.id} attempt={attempt} />
              ))}
            </ol>
          )}
        </>
      ) : null}
    </section>
  );
}
