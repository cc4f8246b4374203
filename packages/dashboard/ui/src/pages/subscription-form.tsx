import { useState } from 'preact/hooks';
import { enc, type Subscription } from '../api.js';
import { useSession } from '../context.js';
import { formatHeaders, parseEventList, parseFilter, parseHeaders } from '../filter-editor.js';
import { prettyJson } from '../format.js';
import { go, useLoad } from '../hooks.js';
import { ErrorNote, Loading, PageTitle } from '../ui.js';
import { freshSecrets, useCatalogue } from './subscriptions.js';

/** Create (no id) or edit a subscription: URL, event types from the catalogue, headers, payload filter. */
export function SubscriptionFormPage({ id }: { id?: string }) {
  const { api } = useSession();
  const existing = useLoad(
    () => (id ? api.get<Subscription>(`/subscriptions/${enc(id)}`) : Promise.resolve(undefined)),
    [id],
  );
  if (id && !existing.data) {
    return (
      <section>
        <PageTitle>Edit subscription</PageTitle>
        <ErrorNote error={existing.error} />
        <Loading loading={existing.loading} />
      </section>
    );
  }
  return <SubscriptionForm key={id ?? 'new'} existing={existing.data} />;
}

function SubscriptionForm({ existing }: { existing: Subscription | undefined }) {
  const { api, portal } = useSession();
  const catalogue = useCatalogue();
  const known = new Set(catalogue.data?.map((t) => t.name) ?? []);
  const [url, setUrl] = useState(existing?.url ?? '');
  const [tenant, setTenant] = useState('');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [ticked, setTicked] = useState<string[]>(existing?.events ?? []);
  const [typed, setTyped] = useState('');
  const [headers, setHeaders] = useState(formatHeaders(existing?.headers ?? {}));
  const [filter, setFilter] = useState(existing?.filter ? prettyJson(existing.filter) : '');
  const [error, setError] = useState<Error | string | undefined>();
  const [saving, setSaving] = useState(false);
  const filterCheck = parseFilter(filter);
  // Filters not in the catalogue (`invoice.*`, `*`) are kept as typed text.
  const tickedKnown = ticked.filter((name) => known.has(name) || !catalogue.data);
  const typedExtra = [typed, ...ticked.filter((name) => catalogue.data && !known.has(name))]
    .filter(Boolean)
    .join(', ');

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    const events = parseEventList(tickedKnown, typedExtra);
    const headerMap = parseHeaders(headers);
    if (!url.trim()) return setError('Enter the endpoint URL, e.g. https://example.com/webhooks.');
    if (!events.ok) return setError(events.error);
    if (!headerMap.ok) return setError(headerMap.error);
    if (!filterCheck.ok) return setError(filterCheck.error);
    setSaving(true);
    try {
      const body = {
        url: url.trim(),
        events: events.value,
        headers: headerMap.value,
        ...(description.trim() ? { description: description.trim() } : existing ? { description: null } : {}),
        ...(filterCheck.value ? { filter: filterCheck.value } : existing ? { filter: null } : {}),
        ...(!existing && !portal && tenant.trim() ? { tenant: tenant.trim() } : {}),
      };
      if (existing) {
        await api.call('PATCH', `/subscriptions/${enc(existing.id)}`, body);
        go(`/subscriptions/${enc(existing.id)}`);
      } else {
        const created = await api.call<Subscription & { secret?: string }>('POST', '/subscriptions', body);
        if (created.secret) freshSecrets.set(created.id, created.secret);
        go(`/subscriptions/${enc(created.id)}`);
      }
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section>
      <PageTitle>{existing ? 'Edit subscription' : 'New subscription'}</PageTitle>
      <form class="form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="sub-url">Endpoint URL</label>
          <input
            id="sub-url"
            type="url"
            required
            value={url}
            onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
          />
        </div>
        {!existing && !portal ? (
          <div class="field">
            <label for="sub-tenant">Tenant (optional)</label>
            <input
              id="sub-tenant"
              value={tenant}
              onInput={(e) => setTenant((e.target as HTMLInputElement).value)}
            />
            <p class="hint">Empty: the operator's own tenant.</p>
          </div>
        ) : null}
        <div class="field">
          <label for="sub-description">Description</label>
          <input
            id="sub-description"
            value={description}
            onInput={(e) => setDescription((e.target as HTMLInputElement).value)}
          />
        </div>
        <fieldset class="field">
          <legend>Event types</legend>
          {catalogue.data && catalogue.data.length > 0 ? (
            <ul class="checks">
              {catalogue.data.map((type) => (
                <li key={type.name}>
                  <label>
                    <input
                      type="checkbox"
                      checked={ticked.includes(type.name)}
                      onChange={(e) =>
                        setTicked(
                          (e.target as HTMLInputElement).checked
                            ? [...ticked, type.name]
                            : ticked.filter((name) => name !== type.name),
                        )
                      }
                    />{' '}
                    {type.name}
                    {type.deprecated ? ' (deprecated)' : ''}
                  </label>
                </li>
              ))}
            </ul>
          ) : (
            <p class="hint">The catalogue is empty: type the event filters below.</p>
          )}
          <label for="sub-events">Other event filters</label>
          <input
            id="sub-events"
            value={typedExtra}
            placeholder="invoice.*, order.paid or *"
            onInput={(e) => {
              setTicked(tickedKnown);
              setTyped((e.target as HTMLInputElement).value);
            }}
          />
        </fieldset>
        <div class="field">
          <label for="sub-headers">Extra headers</label>
          <textarea
            id="sub-headers"
            rows={3}
            value={headers}
            placeholder="X-Team: billing"
            onInput={(e) => setHeaders((e.target as HTMLTextAreaElement).value)}
          />
          <p class="hint">One "Name: value" per line.</p>
        </div>
        <div class="field">
          <label for="sub-filter">Payload filter (JSON)</label>
          <textarea
            id="sub-filter"
            rows={4}
            value={filter}
            spellcheck={false}
            placeholder='{ "total": { "$gte": 100 } }'
            aria-describedby="sub-filter-check"
            onInput={(e) => setFilter((e.target as HTMLTextAreaElement).value)}
          />
          <p id="sub-filter-check" class={filterCheck.ok ? 'hint' : 'hint hint-error'} aria-live="polite">
            {filterCheck.ok
              ? filterCheck.value
                ? 'The filter reads well. Check samples against it on the subscription page.'
                : 'No filter: every event of the chosen types is delivered.'
              : filterCheck.error}
          </p>
        </div>
        <ErrorNote error={error} />
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={saving}>
            {existing ? 'Save changes' : 'Create subscription'}
          </button>
          <a
            class="button button-secondary"
            href={existing ? `#/subscriptions/${enc(existing.id)}` : '#/subscriptions'}
          >
            Cancel
          </a>
        </div>
      </form>
    </section>
  );
}
