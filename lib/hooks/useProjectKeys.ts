'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminScope, KeyKind } from '@/lib/projects/keys';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { refresh } from './refresh';

export type { AdminScope, KeyKind };

export type ApiKey = {
  id: string;
  projectId: string;
  kind: KeyKind;
  name: string;
  prefix: string;
  scopes: AdminScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type NewKey = { kind: KeyKind; name: string; scopes?: AdminScope[] };

const keysPath = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/keys`;

export function useProjectKeys(projectId: string) {
  return useQuery({
    queryKey: queryKeys.projects.keys(projectId),
    queryFn: async () => (await api<{ keys: ApiKey[] }>(keysPath(projectId))).keys,
  });
}

function useInvalidateKeys(projectId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      refresh(queryClient, queryKeys.projects.keys(projectId)),
      refresh(queryClient, queryKeys.audit.all),
    ]);
  };
}

/** Resolves to the secret in clear: the only time it exists outside the server. */
export function useCreateKey(projectId: string) {
  const invalidate = useInvalidateKeys(projectId);
  return useMutation({
    mutationFn: (input: NewKey) =>
      api<{ key: string; record: ApiKey }>(keysPath(projectId), { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useRevokeKey(projectId: string) {
  const invalidate = useInvalidateKeys(projectId);
  return useMutation({
    mutationFn: (keyId: string) =>
      api<{ key: ApiKey }>(`${keysPath(projectId)}/${encodeURIComponent(keyId)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
