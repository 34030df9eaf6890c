'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { sharedState, type UrlState, type ViewState } from '@/lib/views';
import { UrlQueue, type HistoryMode } from '@/lib/views/url-queue';

export type NavigateOptions = {
  /** Another page to go to with the params (a server render); without it the URL changes in place. */
  pathname?: string;
  /** 'replace' changes the URL without a history entry (a table's order); 'push' lets Back undo it. */
  history?: HistoryMode;
};

const here = () => `${window.location.pathname}${window.location.search}`;

// One per browser tab: the History API is one per tab too.
const queue = new UrlQueue(
  (url, mode) =>
    mode === 'push' ? window.history.pushState(null, '', url) : window.history.replaceState(null, '', url),
  { location: here },
);

/** Tells the queue what the router committed, and that Back or Forward took over. */
function useRouterCommits(pathname: string, search: URLSearchParams): void {
  useEffect(() => {
    const qs = search.toString();
    queue.committed(qs ? `${pathname}?${qs}` : pathname);
  }, [pathname, search]);
  useEffect(() => {
    const onPop = () => queue.reset();
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
}

/**
 * Changes search params (null removes one) and keeps the others, so a view's filters survive a
 * period change. On the same page the URL changes through the History API, which Next.js syncs
 * with `useSearchParams`: the view re-renders at once and refetches through TanStack Query, with
 * no server render; Back and Forward restore earlier states the same way. Each change builds on
 * the last one asked for, so quick successive changes all stay (lib/views/url-queue.ts).
 */
export function useNavigate(): (changes: Record<string, string | null>, options?: NavigateOptions) => void {
  const router = useRouter();
  useRouterCommits(usePathname(), useSearchParams());
  return useCallback(
    (changes, { pathname, history = 'push' } = {}) => {
      const base = new URL(queue.current(here()), window.location.origin);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') base.searchParams.delete(key);
        else base.searchParams.set(key, value);
      }
      const qs = base.searchParams.toString();
      const path = pathname ?? base.pathname;
      const url = qs ? `${path}?${qs}` : path;
      if (path !== window.location.pathname) {
        queue.reset();
        return router.push(url, { scroll: false });
      }
      if (url !== queue.current(here())) queue.request(url, history);
    },
    [router],
  );
}

/** A view's state from the URL (the shared period, compare and project by default), and a way to change it. */
export function useViewState<S extends ViewState = ViewState>(
  url: UrlState<S> = sharedState as unknown as UrlState<S>,
): { state: S; update: (changes: Partial<S>, options?: NavigateOptions) => void } {
  const pathname = usePathname();
  const search = useSearchParams();
  const navigate = useNavigate();
  // A change on its way shows at once, before the router has it.
  const pending = useSyncExternalStore(queue.subscribe, queue.pending, () => null);
  const params = useMemo(() => {
    const asked = pending === null ? null : new URL(pending, 'http://localhost');
    return asked?.pathname === pathname ? asked.searchParams : search;
  }, [pending, pathname, search]);
  const state = useMemo(() => url.parse(params), [url, params]);
  const update = useCallback(
    (changes: Partial<S>, options?: NavigateOptions) => navigate(url.write(changes), options),
    [url, navigate],
  );
  return { state, update };
}
