'use client';

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { refresh } from './refresh';

/** A project as the API sends it (dates are ISO strings on the wire). */
export type Project = {
  id: string;
  slug: string;
  name: string;
  siteId: string;
  allowedOrigins: string[];
  createdAt: string;
  /** Observatory's own project (self-monitoring): it cannot be deleted. */
  builtIn: boolean;
};

export type NewProject = { name: string; slug?: string; allowedOrigins?: string[] };
export type ProjectChanges = { name?: string; allowedOrigins?: string[] };

/** The project list's query (a server page may prefetch it under the same key). */
export const projectsQuery = () =>
  queryOptions({
    queryKey: queryKeys.projects.list,
    queryFn: async () => (await api<{ projects: Project[] }>('/api/v1/projects')).projects,
  });

export function useProjects() {
  return useQuery(projectsQuery());
}

/** Every change is audited, so the audit log goes stale with it. */
function useInvalidateProjects() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([refresh(queryClient, queryKeys.projects.all), refresh(queryClient, queryKeys.audit.all)]);
  };
}

export function useCreateProject() {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: async (input: NewProject) =>
      (await api<{ project: Project }>('/api/v1/projects', { method: 'POST', body: input })).project,
    onSuccess: invalidate,
  });
}

export function useUpdateProject(projectId: string) {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: async (changes: ProjectChanges) =>
      (
        await api<{ project: Project }>(`/api/v1/projects/${encodeURIComponent(projectId)}`, {
          method: 'PATCH',
          body: changes,
        })
      ).project,
    onSuccess: invalidate,
  });
}

export function useDeleteProject(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ deleted: true }>(`/api/v1/projects/${encodeURIComponent(projectId)}`, { method: 'DELETE' }),
    onSuccess: async () => {
      // Refetch the list first: its keys and shares would answer 404 if refetched while still on screen.
      await Promise.all([refresh(queryClient, queryKeys.projects.list), refresh(queryClient, queryKeys.audit.all)]);
      queryClient.removeQueries({ queryKey: [...queryKeys.projects.all, projectId] });
    },
  });
}
