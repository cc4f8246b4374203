import { useState } from 'preact/hooks';
import { enc, type InboxDetail, type InboxItem, type Page, q } from '../api.js';
import { useSession } from '../context.js';
import {
  absoluteTime,
  formatDuration,
  formatTime,
  headerLines,
  prettyBody,
  prettyJson,
  shortId,
} from '../format.js';
import { go, type Route, useLoad } from '../hooks.js';
import {
  ActionButton,
  ColumnHeads,
  Empty,
  ErrorNote,
  InlineInput,
  Loading,
  PageTitle,
  Status,
  TextBlock,
} from '../ui.js';

/** Received webhooks by provider, name and status; new ones appear while the page is open. */
export function InboxPage({ route }: { route: Route }) {
  const { api } = useSession();
  const provider = route.query.get('provider') ?? '';
  const name = route.query.get('name') ?? '';
  const status = route.query.get('status') ?? '';
  const [draft, setDraft] = useState({ provider, name });
  const loaded = useLoad(
    () => api.get<Page<InboxItem>>(`/inbox/events${q({ provider, name, status, limit: 100 })}`),
    [provider, name, status],
    true,
  );
  const apply = (next: { provider?: string; name?: string; status?: string }) => {
    const merged = { provider: draft.provider, name: draft.name, status, ...next };
    go(`/inbox${q(merged)}`);
  };
  return (
    <section>
      <PageTitle>Inbox</PageTitle>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          apply({});
        }}
      >
        <InlineInput
          id="inbox-provider"
          label="Provider"
          value={draft.provider}
          onValue={(value) => setDraft({ ...draft, provider: value })}
        />
        <InlineInput
          id="inbox-name"
          label="Event name"
          value={draft.name}
          onValue={(value) => setDraft({ ...draft, name: value })}
        />
        <span class="field-inline">
          <label for="inbox-status">Status</label>
          <select
            id="inbox-status"
            value={status}
            onChange={(e) => apply({ status: (e.target as HTMLSelectElement).value })}
          >
            <option value="">Any status</option>
            <option value="pending">Pending</option>
            <option value="processed">Processed</option>
            <option value="dead">Dead</option>
          </select>
        </span>
        <button type="submit" class="button button-secondary">
          Filter
        </button>
      </form>
      <ErrorNote error={loaded.error} />
      <Loading loading={loaded.loading && !loaded.data} />
      {loaded.data && loaded.data.items.length === 0 ? <Empty>No received webhook matches.</Empty> : null}
      {loaded.data && loaded.data.items.length > 0 ? (
        <table class="table">
          <caption class="visually-hidden">Received webhooks, newest first</caption>
          <ColumnHeads names={['Inbox id', 'Provider', 'Event', 'Status', 'Attempts', 'Received']} />
          <tbody>
            {loaded.data.items.map((item) => (
              <tr key={item.id}>
                <td>
                  <a href={`#/inbox/${enc(item.id)}`}>{shortId(item.id)}</a>
                </td>
                <td>{item.provider}</td>
                <td>{item.name}</td>
                <td>
                  <Status value={item.status} />
                </td>
                <td>{item.attempts}</td>
                <td title={absoluteTime(item.receivedAt)}>{formatTime(item.receivedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** One received webhook: the raw request, the payload, the handler's attempts; retry or replay it. */
export function InboxEventPage({ id }: { id: string }) {
  const { api } = useSession();
  const loaded = useLoad(() => api.get<InboxDetail>(`/inbox/events/${enc(id)}`), [id], true);
  const event = loaded.data;
  return (
    <section>
      <PageTitle>Received webhook {shortId(id)}</PageTitle>
      <ErrorNote error={loaded.error} />
      <Loading loading={loaded.loading && !event} />
      {event ? (
        <>
          <dl class="facts">
            <dt>Provider</dt>
            <dd>{event.provider}</dd>
            <dt>Event</dt>
            <dd>{event.name}</dd>
            <dt>Status</dt>
            <dd>
              <Status value={event.status} />
            </dd>
            <dt>Provider's delivery id</dt>
            <dd>{event.deliveryId ?? '—'}</dd>
            <dt>Received</dt>
            <dd>{absoluteTime(event.receivedAt)}</dd>
            {event.lastError && event.status !== 'processed' ? (
              <>
                <dt>Last error</dt>
                <dd>{event.lastError.split('\n')[0]!.replace(/ at \/.*$/, '')}</dd>
              </>
            ) : null}
          </dl>
          <div class="actions">
            {event.status === 'dead' || event.status === 'pending' ? (
              <ActionButton
                label="Retry now"
                kind="primary"
                run={async () => {
                  await api.call('POST', `/inbox/events/${enc(id)}/retry`);
                  loaded.reload();
                  return 'Queued for another attempt.';
                }}
              />
            ) : null}
            <ActionButton
              label="Replay"
              run={async () => {
                await api.call('POST', `/inbox/events/${enc(id)}/replay`);
                loaded.reload();
                return 'Replayed: the handlers run again.';
              }}
            />
          </div>
          <h2>Handler attempts</h2>
          {event.history.length === 0 ? (
            <Empty>Not processed yet.</Empty>
          ) : (
            <ol class="attempts">
              {event.history.map((attempt) => (
                <li key={`${attempt.attempt}-${attempt.startedAt}`} class="attempt">
                  <h3>
                    Attempt {attempt.attempt} ({attempt.kind}):{' '}
                    <Status value={attempt.error ? 'failed' : 'succeeded'} />
                  </h3>
                  <p>
                    {absoluteTime(attempt.startedAt)}, {formatDuration(attempt.durationMs)}
                  </p>
                  {attempt.error ? (
                    <TextBlock text={attempt.error} label={`Error of attempt ${attempt.attempt}`} />
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          <h2>Payload</h2>
          <TextBlock text={prettyJson(event.payload)} label="Payload" />
          <h2>Raw request</h2>
          <p>
            <code>
              {event.request.method} {event.request.url}
            </code>
          </p>
          <h3>Headers</h3>
          <TextBlock text={headerLines(event.request.headers)} label="Request headers" />
          <h3>Body</h3>
          <TextBlock
            text={
              event.request.bodyEncoding === 'base64'
                ? `(base64) ${event.request.body}`
                : prettyBody(event.request.body)
            }
            label="Request body"
          />
        </>
      ) : null}
    </section>
  );
}
