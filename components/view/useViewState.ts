'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseViewState, type ViewState } from '@/lib/view/state';

/**
 * The view's state from the URL, and a way to change it: `update` sets or (with null) removes
 * search params and keeps the others, so a view's own params (filters) survive a period change.
 */
export function useViewState(): {
  state: ViewState;
  params: URLSearchParams;
  update: (changes: Record<string, string | null>) => void;
} {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const params = useMemo(() => new URLSearchParams(search?.toString() ?? ''), [search]);
  const state = useMemo(() => parseViewState(params), [params]);
  const update = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
      }
      const qs = next.toString();
      router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
  return { state, params, update };
}
