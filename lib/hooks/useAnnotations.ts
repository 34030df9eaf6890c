'use client';

import { queryOptions, useQuery } from '@tanstack/react-query';
import { annotationsRequest } from '@/lib/annotations/params';
import type { Annotation, Annotations } from '@/lib/annotations/types';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { periodKey, resolveRange, type ViewState } from '@/lib/views/period';

export type { Annotation };

/** Alerts change state on their own schedule, not with new data: read again at most this often. */
const REFETCH_MS = 60_000;
const NONE: readonly Annotation[] = [];

/** The query of a project's annotations over a view's period (times taken when it runs). */
export function annotationsQuery(projectId: string, state: Pick<ViewState, 'period' | 'from' | 'to'>) {
  return queryOptions({
    queryKey: queryKeys.annotations(projectId, periodKey({ ...state, compare: false, project: null })),
    queryFn: () => api<Annotations>(annotationsRequest(projectId, resolveRange(state))),
  });
}

/**
 * What the charts of a view mark over its period: one read per project and period, shared by
 * every chart on the page. The previous period's marks stay while a new one loads (same project).
 */
export function useAnnotations(projectId: string, state: Pick<ViewState, 'period' | 'from' | 'to'>) {
  const query = useQuery({
    ...annotationsQuery(projectId, state),
    refetchInterval: REFETCH_MS,
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === projectId ? previous : undefined),
  });
  return query.data?.annotations ?? NONE;
}
