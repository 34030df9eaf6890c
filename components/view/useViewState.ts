'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { sharedState, type UrlState, type ViewState } from '@/lib/views';

export type NavigateOptions = {
  /** Another page to go to with the params (a server render); without it the URL changes in place. */
  pathname?: string;
  /** 'replace' changes the URL without a history entry (a table's order); 'push' lets Back undo it. */
  history?: 'push' | 'replace';
};

/**
 * Changes search params (null removes one) and keeps the others, so a view's filters survive a
 * period change. On the same page the URL changes through the History API: Next.js syncs
 * `useSearchParams` with it, the view re-renders at once and refetches through TanStack Query,
 * with no server render; Back and Forward restore earlier states the same way. The changes apply
 * to the URL as it is now, not as last rendered, so quick successive changes all stay.
 */
export function useNavigate(): (changes: Record<string, string | null>, options?: NavigateOptions) => void {
  const router = useRouter();
  return useCallback(
    (changes, { pathname, history = 'push' } = {}) => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
      }
      const qs = next.toString();
      const path = pathname ?? window.location.pathname;
      const url = qs ? `${path}?${qs}` : path;
      if (path !== window.location.pathname) return router.push(url, { scroll: false });
      if (url === `${window.location.pathname}${window.location.search}`) return;
      if (history === 'replace') window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
    },
    [router],
  );
}

/** A view's state from the URL (the shared period, compare and project by default), and a way to change it. */
export function useViewState<S extends ViewState = ViewState>(
  url: UrlState<S> = sharedState as unknown as UrlState<S>,
): { state: S; update: (changes: Partial<S>, options?: NavigateOptions) => void } {
  const search = useSearchParams();
  const navigate = useNavigate();
  const state = useMemo(() => url.parse(search), [url, search]);
  const update = useCallback(
    (changes: Partial<S>, options?: NavigateOptions) => navigate(url.write(changes), options),
    [url, navigate],
  );
  return { state, update };
}
