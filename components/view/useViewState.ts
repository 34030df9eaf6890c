'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useOptimistic, useTransition } from 'react';
import { parseViewState, type ViewState } from '@/lib/view/state';

/**
 * The view's state from the URL, and a way to change it: `update` sets or (with null) removes
 * search params and keeps the others, so a view's own params (filters) survive a period change;
 * `pathname` moves to another page with them.
 * The control that changed shows its new value at once (optimistically) while the page for the
 * new URL is fetched; `pending` says that fetch is under way.
 */
export function useViewState(): {
  state: ViewState;
  params: URLSearchParams;
  update: (changes: Record<string, string | null>, options?: { pathname?: string }) => void;
  pending: boolean;
} {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const current = useMemo(() => new URLSearchParams(search?.toString() ?? ''), [search]);
  const [params, setParams] = useOptimistic(current);
  const [pending, startTransition] = useTransition();
  const state = useMemo(() => parseViewState(params), [params]);
  const update = useCallback(
    (changes: Record<string, string | null>, options: { pathname?: string } = {}) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
      }
      const qs = next.toString();
      startTransition(() => {
        setParams(next);
        const path = options.pathname ?? pathname;
        router.push(qs ? `${path}?${qs}` : path, { scroll: false });
      });
    },
    [current, pathname, router, setParams],
  );
  return { state, params, update, pending };
}
