'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { GoalKey, GoalLevels, Goals } from '@/lib/goals/definitions';
import { queryKeys } from '@/lib/query-keys';
import { refresh } from './refresh';

/** For each goal named: new levels, or null for the default. */
export type GoalChanges = Partial<Record<GoalKey, GoalLevels | null>>;

const goalsPath = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/goals`;

/** A project's goals, its own levels or the defaults (GET /api/v1/projects/:id/goals). */
export function useGoals(projectId: string) {
  return useQuery({
    queryKey: queryKeys.projects.goals(projectId),
    queryFn: async () => (await api<{ goals: Goals }>(goalsPath(projectId))).goals,
  });
}

/** The views judge against the goals, so their data is refetched with them; the change is audited. */
export function useSetGoals(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (goals: GoalChanges) =>
      (await api<{ goals: Goals }>(goalsPath(projectId), { method: 'PUT', body: { goals } })).goals,
    onSuccess: async (goals) => {
      queryClient.setQueryData(queryKeys.projects.goals(projectId), goals);
      await Promise.all([
        refresh(queryClient, queryKeys.data.all(projectId)),
        refresh(queryClient, queryKeys.audit.all),
      ]);
    },
  });
}
