import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';

/** An outcome as a word and a colour: the word carries the meaning, the colour only helps. */
export function Status({ value }: { value: string }) {
  return <span class={`status status-${value}`}>{value}</span>;
}

/**
 * Text from strangers (payloads, headers, response bodies): rendered as a text node, never HTML.
 * Focusable, so a keyboard user can scroll it.
 */
export function TextBlock({ text, label }: { text: string; label: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the keyboard focus to scroll (WCAG 2.1.1).
    <section class="text-block" tabIndex={0} aria-label={label}>
      <pre>{text || '(empty)'}</pre>
    </section>
  );
}

export function ErrorNote({ error }: { error: Error | string | undefined }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  const status = error instanceof ApiError ? ` (${error.status})` : '';
  return (
    <p class="note note-error" role="alert">
      {message}
      {status}
    </p>
  );
}

/** The page's heading, focused when the page opens so a screen reader announces it. */
export function PageTitle({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

/** A button that runs an action, shows that it is busy, and reports what happened in a live region. */
export function ActionButton({
  label,
  run,
  kind = 'secondary',
  busyLabel,
}: {
  label: string;
  run: () => Promise<unknown>;
  kind?: 'primary' | 'secondary' | 'danger';
  busyLabel?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  return (
    <span class="action">
      <button
        type="button"
        class={`button button-${kind}`}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setMessage(undefined);
          try {
            const text = await run();
            setMessage(typeof text === 'string' && text ? { text, error: false } : undefined);
          } catch (error) {
            setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? (busyLabel ?? `${label}…`) : label}
      </button>
      <span class={message?.error ? 'action-message action-error' : 'action-message'} role="status">
        {message?.text ?? ''}
      </span>
    </span>
  );
}

/** An action that asks first, in place: the question and its two buttons replace the button. */
export function Confirm({
  label,
  question,
  confirmLabel,
  run,
  kind = 'secondary',
}: {
  label: string;
  question: string;
  confirmLabel: string;
  run: () => Promise<unknown>;
  kind?: 'secondary' | 'danger';
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.querySelector('button')?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" class={`button button-${kind}`} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <fieldset class="confirm">
      <legend class="confirm-question">{question}</legend>
      <span ref={confirmRef}>
        <ActionButton
          label={confirmLabel}
          kind={kind === 'danger' ? 'danger' : 'primary'}
          run={async () => {
            const result = await run();
            setAsking(false);
            return result;
          }}
        />
      </span>
      <button type="button" class="button button-secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </fieldset>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

export function Loading({ loading }: { loading: boolean }) {
  return loading ? (
    <p class="loading" aria-live="polite">
      Loading…
    </p>
  ) : null;
}

/** A labelled one-line input for a toolbar; `onValue` gets the text as it is typed. */
export function InlineInput({
  id,
  label,
  value,
  onValue,
  type,
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'search' | 'datetime-local';
  placeholder?: string;
}) {
  return (
    <span class="field-inline">
      <label for={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        onInput={(e) => onValue((e.target as HTMLInputElement).value)}
      />
    </span>
  );
}

/** A table's header row; a column given as `false` is left out. */
export function ColumnHeads({ names }: { names: readonly (string | false)[] }) {
  return (
    <thead>
      <tr>
        {names.map((name) =>
          name === false ? null : (
            <th scope="col" key={name}>
              {name}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
