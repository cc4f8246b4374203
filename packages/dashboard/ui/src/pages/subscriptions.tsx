import { useState } from 'preact/hooks';
import { type EventType, enc, type Page, type Subscription, type SubscriptionStats } from '../api.js';
import { useSession } from '../context.js';
import { allSubscriptions } from '../data.js';
import { formatDuration, formatRate, formatTime, healthOf, matchesSearch } from '../format.js';
import { useLoad } from '../hooks.js';
import { ColumnHeads, Empty, ErrorNote, InlineInput, Loading, PageTitle, Status } from '../ui.js';

/** Secrets answered by a create, shown once on the subscription's page, then forgotten. */
export const freshSecrets = new Map<string, string>();

export async function statsOf(
  api: ReturnType<typeof useSession>['api'],
  subscriptions: Subscription[],
): Promise<Map<string, SubscriptionStats>> {
  const stats = new Map<string, SubscriptionStats>();
  if (!(await api.has('GET /subscriptions/{id}/stats'))) return stats;
  await Promise.all(
    subscriptions.slice(0, 50).map((s) =>
      api
        .get<SubscriptionStats>(`/subscriptions/${enc(s.id)}/stats`)
        .then((answer) => stats.set(s.id, answer))
        .catch(() => undefined),
    ),
  );
  return stats;
}

export function SubscriptionsPage({ search }: { search: string }) {
  const { api, portal } = useSession();
  const [text, setText] = useState(search);
  const loaded = useLoad(
    async () => {
      const subscriptions = await allSubscriptions(api);
      return { subscriptions, stats: await statsOf(api, subscriptions) };
    },
    [],
    true,
  );
  const shown = loaded.data?.subscriptions.filter((s) => matchesSearch(s, text)) ?? [];
  return (
    <section>
      <PageTitle>Subscriptions</PageTitle>
      <div class="toolbar">
        <InlineInput
          id="subscription-search"
          label="Search"
          type="search"
          value={text}
          placeholder="URL, event type, tenant…"
          onValue={setText}
        />
        <a class="button button-primary" href="#/subscriptions/new">
          New subscription
        </a>
      </div>
      <ErrorNote error={loaded.error} />
      <Loading loading={loaded.loading && !loaded.data} />
      {loaded.data && shown.length === 0 ? (
        <Empty>{text ? 'No subscription matches the search.' : 'No subscriptions yet.'}</Empty>
      ) : null}
      {shown.length > 0 ? (
        <table class="table">
          <caption class="visually-hidden">Subscriptions</caption>
          <ColumnHeads
            names={[
              'Endpoint',
              !portal && 'Tenant',
              'Events',
              'Health',
              'Success (24 h)',
              'p50 / p95',
              'Created',
            ]}
          />
          <tbody>
            {shown.map((s) => {
              const day = loaded.data?.stats.get(s.id)?.lastDay;
              return (
                <tr key={s.id}>
                  <td class="cell-clip">
                    <a href={`#/subscriptions/${enc(s.id)}`}>{s.url}</a>
                    {s.description ? <div class="muted">{s.description}</div> : null}
                  </td>
                  {portal ? null : <td>{s.tenant ?? '—'}</td>}
                  <td>{s.events.join(', ')}</td>
                  <td>
                    <Status value={healthOf(s, day)} />
                  </td>
                  <td>{day ? formatRate(day.successes, day.failures) : '—'}</td>
                  <td>
                    {day?.latencyMs
                      ? `${formatDuration(day.latencyMs.p50)} / ${formatDuration(day.latencyMs.p95)}`
                      : '—'}
                  </td>
                  <td>{formatTime(s.createdAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export function useCatalogue() {
  const { api } = useSession();
  return useLoad(() => api.get<Page<EventType>>('/event-types').then((answer) => answer.items), []);
}
