import { useEffect, useState } from 'preact/hooks';
import {
  type Delivery,
  type DeliveryStatus,
  type EventType,
  type ExampleAttempt,
  enc,
  type Page,
  q,
  type Subscription,
  type SubscriptionStats,
} from '../api.js';
import { useSession } from '../context.js';
import { parseJson } from '../filter-editor.js';
import {
  formatDuration,
  formatRate,
  headerLines,
  healthOf,
  plural,
  prettyBody,
  prettyJson,
} from '../format.js';
import { go, useLoad } from '../hooks.js';
import {
  ActionButton,
  Confirm,
  ErrorNote,
  InlineInput,
  Loading,
  PageTitle,
  Status,
  TextBlock,
} from '../ui.js';
import { DeliveryTable, StatusSelect } from './deliveries.js';
import { freshSecrets, useCatalogue } from './subscriptions.js';

interface Features {
  stats: boolean;
  testFilter: boolean;
  sendExample: boolean;
}

/** One subscription: its settings, health, actions (pause, rotate, reveal, example, delete) and deliveries. */
export function SubscriptionPage({ id, status }: { id: string; status: '' | DeliveryStatus }) {
  const { api } = useSession();
  const loaded = useLoad(
    async () => {
      const [subscription, features] = await Promise.all([
        api.get<Subscription>(`/subscriptions/${enc(id)}`),
        Promise.all([
          api.has('GET /subscriptions/{id}/stats'),
          api.has('POST /subscriptions/{id}/test-filter'),
          api.has('POST /subscriptions/{id}/send-example'),
        ]).then(([stats, testFilter, sendExample]): Features => ({ stats, testFilter, sendExample })),
      ]);
      const stats = features.stats
        ? await api.get<SubscriptionStats>(`/subscriptions/${enc(id)}/stats`).catch(() => undefined)
        : undefined;
      return { subscription, features, stats };
    },
    [id],
    true,
  );
  const [secret, setSecret] = useState<string | undefined>(() => freshSecrets.get(id));
  const [justCreated] = useState(() => freshSecrets.has(id));
  useEffect(() => {
    freshSecrets.delete(id);
  }, [id]);

  if (!loaded.data) {
    return (
      <section>
        <PageTitle>Subscription</PageTitle>
        <ErrorNote error={loaded.error} />
        <Loading loading={loaded.loading} />
      </section>
    );
  }
  const { subscription: s, features, stats } = loaded.data;
  const path = `/subscriptions/${enc(id)}`;
  return (
    <section>
      <PageTitle>
        Subscription <span class="title-url">{s.url}</span>
      </PageTitle>
      <ErrorNote error={loaded.error} />
      <dl class="facts">
        <dt>Id</dt>
        <dd>
          <code>{s.id}</code>
        </dd>
        {s.tenant ? (
          <>
            <dt>Tenant</dt>
            <dd>{s.tenant}</dd>
          </>
        ) : null}
        <dt>Health</dt>
        <dd>
          <Status value={healthOf(s, stats?.lastDay)} />
          {s.disabledReason ? ` ${s.disabledReason}` : ''}
        </dd>
        <dt>Events</dt>
        <dd>{s.events.join(', ')}</dd>
        {s.description ? (
          <>
            <dt>Description</dt>
            <dd>{s.description}</dd>
          </>
        ) : null}
        {stats ? (
          <>
            <dt>Last hour</dt>
            <dd>
              {plural(stats.lastHour.attempts, 'attempt')}, success{' '}
              {formatRate(stats.lastHour.successes, stats.lastHour.failures)}
            </dd>
            <dt>Last day</dt>
            <dd>
              {plural(stats.lastDay.attempts, 'attempt')}, success{' '}
              {formatRate(stats.lastDay.successes, stats.lastDay.failures)}
              {stats.lastDay.latencyMs
                ? `, p50 ${formatDuration(stats.lastDay.latencyMs.p50)}, p95 ${formatDuration(stats.lastDay.latencyMs.p95)}`
                : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {Object.keys(s.headers).length > 0 ? (
        <>
          <h2>Extra headers</h2>
          <TextBlock text={headerLines(s.headers)} label="Extra headers" />
        </>
      ) : null}

      <div class="actions">
        <a class="button button-secondary" href={`#${path}/edit`}>
          Edit
        </a>
        <ActionButton
          label={s.disabled ? 'Resume' : 'Pause'}
          run={async () => {
            await api.call('PATCH', path, { disabled: !s.disabled });
            loaded.reload();
            return s.disabled ? 'Resumed.' : 'Paused: no deliveries until resumed.';
          }}
        />
        <Confirm
          label="Rotate secret"
          question="Issue a new signing secret? The current one keeps signing for 24 hours."
          confirmLabel="Yes, rotate"
          run={async () => {
            const answer = await api.call<{ secret: string }>('POST', `${path}/rotate-secret`, {});
            setSecret(answer.secret);
            return 'Rotated: the new secret is shown below.';
          }}
        />
        <Confirm
          label="Reveal secret"
          question="Show the signing secret on screen?"
          confirmLabel="Yes, show it"
          run={async () => {
            const answer = await api.get<{ secret: string }>(`${path}/secret`);
            setSecret(answer.secret);
          }}
        />
        <Confirm
          label="Delete"
          kind="danger"
          question="Delete this subscription? Its deliveries stay in the log."
          confirmLabel="Yes, delete"
          run={async () => {
            await api.call('DELETE', path);
            go('/subscriptions');
          }}
        />
      </div>
      {secret ? (
        <section class="secret" aria-label="Signing secret">
          <p>
            {justCreated
              ? 'Signing secret (shown once; reveal it again from here later):'
              : 'Signing secret:'}{' '}
            <code class="secret-value">{secret}</code>
          </p>
          <button type="button" class="button button-secondary" onClick={() => setSecret(undefined)}>
            Hide secret
          </button>
        </section>
      ) : null}

      {features.sendExample ? <SendExample subscription={s} onSent={loaded.reload} /> : null}
      {s.filter ? <FilterCheck subscription={s} live={features.testFilter} /> : null}
      <Recover path={path} />
      <SubscriptionDeliveries id={id} status={status} />
    </section>
  );
}

function SendExample({ subscription, onSent }: { subscription: Subscription; onSent: () => void }) {
  const { api } = useSession();
  const catalogue = useCatalogue();
  const types = (catalogue.data ?? []).filter((t) =>
    subscription.events.some(
      (f) => f === '*' || f === t.name || (f.endsWith('.*') && t.name.startsWith(f.slice(0, -1))),
    ),
  );
  const [type, setType] = useState('');
  const [result, setResult] = useState<ExampleAttempt | undefined>();
  const chosen = type || types[0]?.name || subscription.events.find((f) => !f.includes('*')) || '';
  return (
    <section class="panel" aria-labelledby="example-title">
      <h2 id="example-title">Send an example event</h2>
      <div class="toolbar">
        <span class="field-inline">
          <label for="example-type">Event type</label>
          {types.length > 0 ? (
            <select
              id="example-type"
              value={chosen}
              onChange={(e) => setType((e.target as HTMLSelectElement).value)}
            >
              {types.map((t) => (
                <option key={t.name}>{t.name}</option>
              ))}
            </select>
          ) : (
            <input
              id="example-type"
              value={chosen}
              onInput={(e) => setType((e.target as HTMLInputElement).value)}
            />
          )}
        </span>
        <ActionButton
          label="Send example"
          run={async () => {
            setResult(undefined);
            const attempt = await api.call<ExampleAttempt>(
              'POST',
              `/subscriptions/${enc(subscription.id)}/send-example`,
              {
                type: chosen,
              },
            );
            setResult(attempt);
            onSent();
          }}
        />
      </div>
      {result ? (
        <div class="example-result">
          <p>
            <Status value={result.succeeded ? 'succeeded' : 'failed'} />{' '}
            {result.status !== null ? `HTTP ${result.status}` : 'no answer'} in{' '}
            {formatDuration(result.durationMs)}
            {result.error ? `: ${result.error}` : ''}
          </p>
          <TextBlock text={prettyBody(result.responseExcerpt)} label="Example response body" />
        </div>
      ) : null}
    </section>
  );
}

/** Does a sample event data pass the saved payload filter? Asked of the server as the sample is typed. */
function FilterCheck({ subscription, live }: { subscription: Subscription; live: boolean }) {
  const { api } = useSession();
  const catalogue = useCatalogue();
  const [sample, setSample] = useState<string | undefined>();
  const [answer, setAnswer] = useState<{ text: string; kind: 'match' | 'nomatch' | 'error' } | undefined>();
  const firstType = subscription.events.find((f) => !f.includes('*'));
  const example = catalogue.data?.find((t: EventType) => t.name === firstType)?.example;
  const text = sample ?? (example !== undefined ? prettyJson(example) : '{\n  \n}');

  useEffect(() => {
    if (!live) return;
    const parsed = parseJson(text, 'The sample');
    if (!parsed.ok) {
      setAnswer({ text: parsed.error, kind: 'error' });
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      api
        .call<{ matches: boolean }>('POST', `/subscriptions/${enc(subscription.id)}/test-filter`, {
          data: parsed.value,
        })
        .then((result) => {
          if (!cancelled)
            setAnswer(
              result.matches
                ? { text: 'Matches: this event would be delivered.', kind: 'match' }
                : { text: 'Does not match: this event would be skipped.', kind: 'nomatch' },
            );
        })
        .catch((error: Error) => !cancelled && setAnswer({ text: error.message, kind: 'error' }));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text, live, subscription.id, subscription.updatedAt]);

  return (
    <section class="panel" aria-labelledby="filter-title">
      <h2 id="filter-title">Payload filter</h2>
      <TextBlock text={prettyJson(subscription.filter)} label="Payload filter" />
      {live ? (
        <>
          <label for="filter-sample">Sample event data (JSON): does it match?</label>
          <textarea
            id="filter-sample"
            rows={5}
            spellcheck={false}
            value={text}
            aria-describedby="filter-answer"
            onInput={(e) => setSample((e.target as HTMLTextAreaElement).value)}
          />
          <p id="filter-answer" class={`filter-answer filter-${answer?.kind ?? 'none'}`} aria-live="polite">
            {answer?.text ?? 'Checking…'}
          </p>
        </>
      ) : (
        <p class="hint">This server cannot check samples against a filter (no test-filter route).</p>
      )}
    </section>
  );
}

function Recover({ path }: { path: string }) {
  const { api } = useSession();
  const [since, setSince] = useState(() => new Date(Date.now() - 24 * 3600_000).toISOString().slice(0, 16));
  return (
    <section class="panel" aria-labelledby="recover-title">
      <h2 id="recover-title">Recover failures</h2>
      <div class="toolbar">
        <InlineInput
          id="recover-since"
          label="Failed since (UTC)"
          type="datetime-local"
          value={since}
          onValue={setSince}
        />
        <ActionButton
          label="Retry every failure since then"
          run={async () => {
            const answer = await api.call<{ recovered: number }>('POST', `${path}/recover`, {
              since: `${since}:00Z`,
            });
            return `${answer.recovered} deliveries queued again.`;
          }}
        />
      </div>
    </section>
  );
}

function SubscriptionDeliveries({ id, status }: { id: string; status: '' | DeliveryStatus }) {
  const { api } = useSession();
  const loaded = useLoad(
    () => api.get<Page<Delivery>>(`/subscriptions/${enc(id)}/deliveries${q({ limit: 50, status })}`),
    [id, status],
    true,
  );
  return (
    <section aria-labelledby="sub-deliveries-title">
      <h2 id="sub-deliveries-title">Deliveries</h2>
      <div class="toolbar">
        <StatusSelect
          id="sub-deliveries-status"
          value={status}
          onChange={(value) => go(`/subscriptions/${enc(id)}${value ? `?status=${value}` : ''}`)}
        />
      </div>
      <ErrorNote error={loaded.error} />
      {loaded.data ? (
        <DeliveryTable
          deliveries={loaded.data.items}
          showSubscription={false}
          caption="Deliveries of this subscription"
        />
      ) : null}
    </section>
  );
}
