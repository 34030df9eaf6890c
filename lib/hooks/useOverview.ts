'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { DemoProgress } from '@/lib/demo';
import type { DemoSummary } from '@/lib/demo/load';
import type { DataOverview } from '@/lib/queries/overview';
import { queryKeys } from '@/lib/query-keys';
import { refresh } from './refresh';

export type { DataOverview, DemoSummary };

export function useDataOverview() {
  return useQuery({
    queryKey: queryKeys.overview,
    queryFn: async () => (await api<{ overview: DataOverview }>('/api/v1/overview')).overview,
  });
}

/** How far the demo load has got, asked every half second while `loading` (null when none runs on the instance asked). */
export function useDemoProgress(loading: boolean) {
  return useQuery({
    queryKey: queryKeys.demoProgress,
    queryFn: async () => (await api<{ loading: DemoProgress }>('/api/v1/demo')).loading,
    enabled: loading,
    refetchInterval: loading ? 500 : false,
    gcTime: 0,
  });
}

/** Answers once the demo data is committed; the overview and the project list then change. */
export function useLoadDemo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => (await api<{ demo: DemoSummary }>('/api/v1/demo', { method: 'POST', body: {} })).demo,
    onSuccess: async () => {
      await Promise.all([
        refresh(queryClient, queryKeys.overview),
        refresh(queryClient, queryKeys.projects.all),
        refresh(queryClient, queryKeys.audit.all),
      ]);
    },
  });
}
