'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { ProjectMetric, SeriesUsage } from '@/lib/queries/series-usage';

type SeriesBody = { usage: SeriesUsage; metrics: ProjectMetric[] };

const seriesQuery = (projectId: string) => ({
  queryKey: queryKeys.projects.series(projectId),
  queryFn: () => api<SeriesBody>(`/api/v1/projects/${encodeURIComponent(projectId)}/series`),
  refetchInterval: 60_000,
});

/** A project's series against its limit, and what overflowed in the last day (GET /api/v1/projects/:id/series). */
export function useSeriesUsage(projectId: string) {
  return useQuery({ ...seriesQuery(projectId), select: (b: SeriesBody) => b.usage });
}

/** The metrics a project reports, by name (one read with useSeriesUsage). */
export function useProjectMetrics(projectId: string) {
  return useQuery({ ...seriesQuery(projectId), select: (b: SeriesBody) => b.metrics });
}
