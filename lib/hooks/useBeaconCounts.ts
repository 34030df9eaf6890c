'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Stats } from '@/lib/queries/stats';
import { DAY_MS } from '@/lib/time';
import { BEACON_METRICS, DROP_REASONS, type DropReason } from '@/lib/vitals/counters';

export type BeaconCounts = { accepted: number; dropped: Record<DropReason, number> };

/** Browser beacons a project stored and dropped (by reason) over the last 24 hours, from its own counter series. */
export function useBeaconCounts(projectId: string) {
  return useQuery({
    queryKey: queryKeys.projects.beacons(projectId),
    queryFn: async (): Promise<BeaconCounts> => {
      const to = Date.now();
      const range = `project=${encodeURIComponent(projectId)}&from=${to - DAY_MS}&to=${to}`;
      const [accepted, dropped] = await Promise.all([
        api<{ stats: Stats }>(`/api/v1/query/stats?${range}&metric=${BEACON_METRICS.accepted}`),
        api<{ top: ({ value: string } & Stats)[] }>(
          `/api/v1/query/top?${range}&metric=${BEACON_METRICS.dropped}&by=reason&order=count`,
        ),
      ]);
      const byReason = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>;
      for (const row of dropped.top) if (row.value in byReason) byReason[row.value as DropReason] = row.sum;
      return { accepted: accepted.stats.sum, dropped: byReason };
    },
    refetchInterval: 60_000,
  });
}
