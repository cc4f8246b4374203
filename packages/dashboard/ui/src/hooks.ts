import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** The hash route: `#/subscriptions/sub_1?status=failed` → path and query. */
export interface Route {
  path: string[];
  query: URLSearchParams;
}

export function readRoute(hash: string = location.hash): Route {
  const text = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = text.split('?');
  return {
    path: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(search),
  };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const update = () => setRoute(readRoute());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export const go = (href: string) => {
  location.hash = href.replace(/^#/, '');
};

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

const BASE_INTERVAL = 1500;
const MAX_INTERVAL = 30_000;

/**
 * Loads `load()` now and, when `poll` is set, again every 1.5 s while the page is visible: after a
 * failure the wait doubles up to 30 s, and the first success brings it back. New deliveries and inbox
 * events appear without a reload.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], poll = false): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [reloads, setReloads] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wait = BASE_INTERVAL;
    const run = async () => {
      try {
        const value = await loadRef.current();
        if (stopped) return;
        setData(value);
        setError(undefined);
        wait = BASE_INTERVAL;
      } catch (caught) {
        if (stopped) return;
        setError(caught instanceof Error ? caught : new Error(String(caught)));
        wait = Math.min(wait * 2, MAX_INTERVAL);
      } finally {
        if (!stopped) setLoading(false);
      }
      if (poll && !stopped) timer = setTimeout(next, wait);
    };
    const next = () => {
      if (document.hidden) timer = setTimeout(next, wait);
      else void run();
    };
    setLoading(true);
    void run();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [...deps, reloads]);

  return { data, error, loading, reload };
}
