'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Observatory } from '@/lib/queries/observatory';
import { queryKeys } from '@/lib/query-keys';
import { resolveRange, type ViewState } from '@/lib/view/state';

export type { Observatory };

/** A project's overview over the view's period (times taken when the query runs). */
export function useObservatory(projectId: string, view: ViewState) {
  return useQuery({
    queryKey: queryKeys.data.observatory(projectId, queryKeys.data.observatoryParams(view)),
    queryFn: async () => {
      const range = resolveRange(view);
      const qs = new URLSearchParams({ project: projectId, from: String(range.from), to: String(range.to) });
      if (view.compare) qs.set('compare', '1');
      return (await api<{ observatory: Observatory }>(`/api/v1/query/observatory?${qs}`)).observatory;
    },
  });
}
