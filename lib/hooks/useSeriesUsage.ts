'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { SeriesUsage } from '@/lib/queries/series-usage';

/** A project's series against its limit, and what overflowed in the last day (GET /api/v1/projects/:id/series). */
export function useSeriesUsage(projectId: string) {
  return useQuery({
    queryKey: queryKeys.projects.series(projectId),
    queryFn: async () =>
      (await api<{ usage: SeriesUsage }>(`/api/v1/projects/${encodeURIComponent(projectId)}/series`)).usage,
    refetchInterval: 60_000,
  });
}
