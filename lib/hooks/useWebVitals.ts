'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { WebVitals } from '@/lib/queries/web-vitals';
import { queryKeys } from '@/lib/query-keys';
import { resolveRange, type ViewState } from '@/lib/view/state';
import type { VitalFilterState } from '@/lib/view/vitals';

export type { WebVitals };

/** A project's Core Web Vitals over the view's period at one percentile (times taken when the query runs). */
export function useWebVitals(projectId: string, view: ViewState, filters: VitalFilterState) {
  return useQuery({
    queryKey: queryKeys.data.webVitals(projectId, queryKeys.data.webVitalsParams(view, filters)),
    queryFn: async () => {
      const range = resolveRange(view);
      const qs = new URLSearchParams({ project: projectId, from: String(range.from), to: String(range.to) });
      if (view.compare) qs.set('compare', '1');
      if (filters.percentile !== 'p75') qs.set('percentile', filters.percentile);
      if (filters.route) qs.set('route', filters.route);
      if (filters.device) qs.set('device', filters.device);
      return (await api<{ webVitals: WebVitals }>(`/api/v1/query/web-vitals?${qs}`)).webVitals;
    },
  });
}
