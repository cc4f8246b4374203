import { useState } from 'preact/hooks';
import type { EventType, Page } from '../api.js';
import { useSession } from '../context.js';
import { parseJson } from '../filter-editor.js';
import { prettyJson } from '../format.js';
import { useLoad } from '../hooks.js';
import { Empty, ErrorNote, Loading, PageTitle, TextBlock } from '../ui.js';

/** The catalogue: names, descriptions, schemas and examples; the operator adds entries. */
export function EventTypesPage() {
  const { api, portal } = useSession();
  const loaded = useLoad(() => api.get<Page<EventType>>('/event-types').then((answer) => answer.items), []);
  return (
    <section>
      <PageTitle>Event types</PageTitle>
      <ErrorNote error={loaded.error} />
      <Loading loading={loaded.loading && !loaded.data} />
      {loaded.data && loaded.data.length === 0 ? (
        <Empty>The catalogue is empty: any dotted type name is accepted.</Empty>
      ) : null}
      <ul class="catalogue">
        {(loaded.data ?? []).map((type) => (
          <li key={type.name}>
            <h2>
              {type.name}
              {type.deprecated ? <span class="status status-paused">deprecated</span> : null}
            </h2>
            {type.description ? <p>{type.description}</p> : null}
            {type.schema !== undefined ? (
              <details>
                <summary>Schema of data</summary>
                <TextBlock text={prettyJson(type.schema)} label={`Schema of ${type.name}`} />
              </details>
            ) : null}
            {type.example !== undefined ? (
              <details>
                <summary>Example</summary>
                <TextBlock text={prettyJson(type.example)} label={`Example of ${type.name}`} />
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      {portal ? null : <AddEventType onAdded={loaded.reload} />}
    </section>
  );
}

function AddEventType({ onAdded }: { onAdded: () => void }) {
  const { api } = useSession();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [schema, setSchema] = useState('');
  const [error, setError] = useState<Error | string | undefined>();
  return (
    <form
      class="form panel"
      aria-labelledby="add-type-title"
      onSubmit={async (event) => {
        event.preventDefault();
        setError(undefined);
        const parsed = schema.trim()
          ? parseJson(schema, 'The schema')
          : ({ ok: true, value: undefined } as const);
        if (!parsed.ok) return setError(parsed.error);
        try {
          await api.call('POST', '/event-types', {
            name: name.trim(),
            ...(description.trim() ? { description: description.trim() } : {}),
            ...(parsed.value !== undefined ? { schema: parsed.value } : {}),
          });
          setName('');
          setDescription('');
          setSchema('');
          onAdded();
        } catch (caught) {
          setError(caught as Error);
        }
      }}
    >
      <h2 id="add-type-title">Add an event type</h2>
      <div class="field">
        <label for="type-name">Name</label>
        <input
          id="type-name"
          value={name}
          placeholder="invoice.paid"
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="type-description">Description</label>
        <input
          id="type-description"
          value={description}
          onInput={(e) => setDescription((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="type-schema">JSON Schema of data (optional)</label>
        <textarea
          id="type-schema"
          rows={4}
          spellcheck={false}
          value={schema}
          onInput={(e) => setSchema((e.target as HTMLTextAreaElement).value)}
        />
      </div>
      <ErrorNote error={error} />
      <button type="submit" class="button button-primary">
        Add event type
      </button>
    </form>
  );
}
