'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@/lib/auth/auth';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { refresh } from './refresh';

export type { Role };

export type User = { id: string; email: string; name: string; role: Role; createdAt: string };
export type NewUser = { email: string; name: string; role: Role; password?: string };

export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: async () => (await api<{ users: User[] }>('/api/v1/users')).users,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([refresh(queryClient, queryKeys.users), refresh(queryClient, queryKeys.audit.all)]);
  };
}

/** `password` is set only when the server generated one: shown once, never again. */
export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: NewUser) =>
      api<{ user: User; password?: string }>('/api/v1/users', { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useChangeRole(userId: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (role: Role) =>
      api<{ user: User }>(`/api/v1/users/${encodeURIComponent(userId)}`, { method: 'PATCH', body: { role } }),
    onSuccess: invalidate,
  });
}

export function useRemoveUser(userId: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: () => api<{ deleted: true }>(`/api/v1/users/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
