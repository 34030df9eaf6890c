'use client';

import type { EndpointDetail } from '@/lib/queries/endpoint';
import type { Endpoints } from '@/lib/queries/endpoints';
import { endpointsView, endpointView, type StateOf } from '@/lib/views';
import { useViewData } from './useViewData';

export type { EndpointDetail, Endpoints };

/** Every route of a project over the view's period, with its service and method filters. */
export function useEndpoints(projectId: string, state: StateOf<typeof endpointsView.fields>) {
  return useViewData(endpointsView, projectId, state);
}

/** One route over the view's period. */
export function useEndpoint(projectId: string, state: StateOf<typeof endpointView.fields>) {
  return useViewData(endpointView, projectId, state);
}
