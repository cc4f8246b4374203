import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Api } from './api.js';
import { type PageConfig, SessionContext } from './context.js';
import { type Route, readRoute, useRoute } from './hooks.js';
import { DeliveriesPage, DeliveryPage } from './pages/deliveries.js';
import { EventTypesPage } from './pages/event-types.js';
import { InboxEventPage, InboxPage } from './pages/inbox.js';
import { OverviewPage } from './pages/overview.js';
import { SubscriptionPage } from './pages/subscription.js';
import { SubscriptionFormPage } from './pages/subscription-form.js';
import { SubscriptionsPage } from './pages/subscriptions.js';
import { PageTitle } from './ui.js';

type Status = '' | 'pending' | 'succeeded' | 'failed';
const statusOf = (route: Route): Status => {
  const value = route.query.get('status') ?? '';
  return (['pending', 'succeeded', 'failed'].includes(value) ? value : '') as Status;
};

/** A portal link carries its token in the fragment: `#token=hwp_…`. Taken once, then wiped from the address bar. */
function takeLinkToken(): string | undefined {
  const match = /^#token=([A-Za-z0-9_.-]+)$/.exec(location.hash);
  if (!match) return undefined;
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  // replaceState is silent: tell the router the page is now the overview.
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  return match[1];
}

export function App({ config }: { config: PageConfig }) {
  const portal = config.mode === 'portal';
  const [token, setToken] = useState<string | undefined>(() => (portal ? takeLinkToken() : undefined));
  const [notice, setNotice] = useState<string | undefined>();
  // Another portal link opened in the same tab only changes the fragment: take its token too.
  useEffect(() => {
    if (!portal) return;
    const onHash = () => {
      const linked = takeLinkToken();
      if (linked) {
        setNotice(undefined);
        setToken(linked);
      }
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const api = useMemo(
    () =>
      token
        ? new Api(config.apiBase, token, () => {
            setToken(undefined);
            setNotice(
              portal
                ? 'This portal link has expired or is not valid. Ask for a new link, or enter a token.'
                : 'The token was refused (unknown or expired). Enter it again.',
            );
          })
        : undefined,
    [token],
  );
  if (!api) {
    return (
      <Login
        config={config}
        notice={notice}
        onToken={(value) => {
          setNotice(undefined);
          setToken(value);
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={{ api, config, portal }}>
      <Shell
        config={config}
        onLogout={() => {
          setToken(undefined);
          setNotice('Logged out.');
        }}
      />
    </SessionContext.Provider>
  );
}

function Brand({ config }: { config: PageConfig }) {
  return (
    <span class="brand">
      {config.logoUrl ? <img src={config.logoUrl} alt="" class="brand-logo" /> : null}
      {config.name}
    </span>
  );
}

function Login({
  config,
  notice,
  onToken,
}: {
  config: PageConfig;
  notice: string | undefined;
  onToken: (token: string) => void;
}) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const token = value.trim();
    if (!token) return setError('Enter a token.');
    setBusy(true);
    setError(undefined);
    try {
      // Checked against a route every valid token may read, before the pages open.
      const response = await fetch(`${config.apiBase}/subscriptions?limit=1`, {
        headers: { authorization: `Bearer ${token}` },
        credentials: 'omit',
        cache: 'no-store',
      });
      if (response.status === 401) setError('This token was refused: check it and try again.');
      else if (!response.ok) setError(`The server answered ${response.status}; try again.`);
      else onToken(token);
    } catch {
      setError('The server could not be reached.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <header class="header">
        <Brand config={config} />
      </header>
      <main id="main" class="main login">
        <PageTitle>Sign in</PageTitle>
        {notice ? (
          <p class="note" role="status">
            {notice}
          </p>
        ) : null}
        <p>
          {config.mode === 'portal'
            ? 'Open the portal from the link you were given, or enter your API token.'
            : 'Enter the operator token (HOOKWIRE_OPERATOR_TOKEN) or an API token. It stays in this tab’s memory only.'}
        </p>
        <form class="form" onSubmit={submit}>
          <div class="field">
            <label for="token">Token</label>
            <input
              id="token"
              type="password"
              autocomplete="off"
              value={value}
              aria-describedby={error ? 'token-error' : undefined}
              onInput={(e) => setValue((e.target as HTMLInputElement).value)}
            />
          </div>
          {error ? (
            <p id="token-error" class="note note-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" class="button button-primary" disabled={busy}>
            Sign in
          </button>
        </form>
      </main>
    </>
  );
}

function Shell({ config, onLogout }: { config: PageConfig; onLogout: () => void }) {
  const route = useRoute();
  const portal = config.mode === 'portal';
  const links: [string, string][] = [
    ['', portal ? 'Overview' : 'Overview'],
    ['subscriptions', 'Subscriptions'],
    ['deliveries', 'Deliveries'],
    ['event-types', 'Event types'],
    ...(!portal && config.inbox ? ([['inbox', 'Inbox']] as [string, string][]) : []),
  ];
  const section = route.path[0] ?? '';
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (location.hash === '' || location.hash === '#') history.replaceState(null, '', '#/');
  }, []);
  return (
    <>
      {/* A button, not a link: the fragment belongs to the router. */}
      <button
        type="button"
        class="skip-link"
        onClick={() => mainRef.current?.querySelector<HTMLElement>('h1')?.focus()}
      >
        Skip to content
      </button>
      <header class="header">
        <Brand config={config} />
        <nav aria-label="Sections">
          <ul class="nav">
            {links.map(([path, label]) => (
              <li key={path}>
                <a href={`#/${path}`} aria-current={section === path ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" class="button button-secondary logout" onClick={onLogout}>
          Log out
        </button>
      </header>
      <main id="main" class="main" ref={mainRef}>
        <Page route={route} portal={portal} inbox={config.inbox} />
      </main>
    </>
  );
}

function Page({ route, portal, inbox }: { route: Route; portal: boolean; inbox: boolean }) {
  const [section, id, action] = route.path;
  const key = `${route.path.join('/')}`;
  switch (section) {
    case undefined:
      return <OverviewPage key={key} />;
    case 'subscriptions':
      if (id === 'new') return <SubscriptionFormPage key={key} />;
      if (id && action === 'edit') return <SubscriptionFormPage key={key} id={id} />;
      if (id) return <SubscriptionPage key={key} id={id} status={statusOf(route)} />;
      return <SubscriptionsPage key={key} search={route.query.get('search') ?? ''} />;
    case 'deliveries':
      if (id) return <DeliveryPage key={key} id={id} />;
      return <DeliveriesPage key={key} status={statusOf(route)} />;
    case 'event-types':
      return <EventTypesPage key={key} />;
    case 'inbox':
      if (!portal && inbox)
        return id ? <InboxEventPage key={key} id={id} /> : <InboxPage key={key} route={route} />;
  }
  return (
    <section>
      <PageTitle>Not found</PageTitle>
      <p>
        No such page. <a href="#/">Back to the overview</a>.
      </p>
    </section>
  );
}

export { readRoute };
