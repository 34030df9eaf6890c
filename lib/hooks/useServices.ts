'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { refresh } from './refresh';

/** A service as the API sends it (dates are ISO strings on the wire). */
export type Service = { id: number; name: string; firstSeenAt: string; lastSeenAt: string; routes: number };

const servicesPath = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/services`;

/** A project's services (GET /api/v1/projects/:id/services); new ones appear as they send. */
export function useServices(projectId: string) {
  return useQuery({
    queryKey: queryKeys.projects.services(projectId),
    queryFn: async () => (await api<{ services: Service[] }>(servicesPath(projectId))).services,
    refetchInterval: 60_000,
  });
}

export function useDeleteService(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (serviceId: number) =>
      api<{ deleted: true }>(`${servicesPath(projectId)}/${serviceId}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await Promise.all([
        refresh(queryClient, queryKeys.projects.services(projectId)),
        refresh(queryClient, queryKeys.audit.all),
      ]);
    },
  });
}
