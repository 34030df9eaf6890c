'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { refresh } from './refresh';

export type ShareLink = {
  id: string;
  projectId: string;
  name: string;
  prefix: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const sharesPath = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/shares`;

export function useProjectShares(projectId: string) {
  return useQuery({
    queryKey: queryKeys.projects.shares(projectId),
    queryFn: async () => (await api<{ shares: ShareLink[] }>(sharesPath(projectId))).shares,
  });
}

function useInvalidateShares(projectId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      refresh(queryClient, queryKeys.projects.shares(projectId)),
      refresh(queryClient, queryKeys.audit.all),
    ]);
  };
}

/** Resolves to the link in clear: the only time it exists outside the server. */
export function useCreateShare(projectId: string) {
  const invalidate = useInvalidateShares(projectId);
  return useMutation({
    mutationFn: (name: string) =>
      api<{ url: string; share: ShareLink }>(sharesPath(projectId), { method: 'POST', body: { name } }),
    onSuccess: invalidate,
  });
}

export function useRevokeShare(projectId: string) {
  const invalidate = useInvalidateShares(projectId);
  return useMutation({
    mutationFn: (shareId: string) =>
      api<{ share: ShareLink }>(`${sharesPath(projectId)}/${encodeURIComponent(shareId)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
