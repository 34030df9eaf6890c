'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { EndpointDetail } from '@/lib/queries/endpoint';
import type { Endpoints } from '@/lib/queries/endpoints';
import { queryKeys, type EndpointParams, type EndpointsParams } from '@/lib/query-keys';
import { resolveRange, type ViewState } from '@/lib/view/state';

export type { EndpointDetail, Endpoints };

function search(values: Record<string, string | number | boolean | null | undefined>): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== null && value !== undefined) out.set(key, String(value));
  return out.toString();
}

/** Every route of a project over the view's period (times taken when the query runs). */
export function useEndpoints(
  projectId: string,
  view: ViewState,
  filters: { service: string | null; method: string | null },
) {
  const params: EndpointsParams = queryKeys.data.endpointsParams(view, filters);
  return useQuery({
    queryKey: queryKeys.data.endpoints(projectId, params),
    queryFn: async () => {
      const range = resolveRange(view);
      const qs = search({
        project: projectId,
        from: range.from,
        to: range.to,
        compare: view.compare ? 1 : null,
        service: filters.service,
        method: filters.method,
      });
      return (await api<{ endpoints: Endpoints }>(`/api/v1/query/endpoints?${qs}`)).endpoints;
    },
  });
}

/** One route over the view's period. */
export function useEndpoint(
  projectId: string,
  view: ViewState,
  key: { service: string; method: string; route: string },
) {
  const params: EndpointParams = queryKeys.data.endpointParams(view, key);
  return useQuery({
    queryKey: queryKeys.data.endpoint(projectId, params),
    queryFn: async () => {
      const range = resolveRange(view);
      const qs = search({
        project: projectId,
        from: range.from,
        to: range.to,
        compare: view.compare ? 1 : null,
        ...key,
      });
      return (await api<{ endpoint: EndpointDetail }>(`/api/v1/query/endpoint?${qs}`)).endpoint;
    },
  });
}
