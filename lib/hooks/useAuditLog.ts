'use client';

import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export type AuditDetailValue = string | number | boolean | null | string[];

export type AuditEvent = {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  /** The target's name now, or as its details recorded it (a deleted one); null when unknown. */
  targetName: string | null;
  projectId: string | null;
  details: Record<string, AuditDetailValue> | null;
};

/** A page; the first also lists the actions and actors the whole log holds, to filter by. */
type AuditPage = { events: AuditEvent[]; next: string | null; actions?: string[]; actors?: string[] };

export type AuditFilters = { project: string | null; action: string | null; actor: string | null };

const PAGE_SIZE = 50;

/** Newest first; each further page continues after the last event of the one before. */
export function useAuditLog({ project, action, actor }: AuditFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.audit.list(project, action, actor),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (project) params.set('project', project);
      if (action) params.set('action', action);
      if (actor) params.set('actor', actor);
      if (pageParam) params.set('after', pageParam);
      return api<AuditPage>(`/api/v1/audit?${params}`);
    },
    getNextPageParam: (last) => last.next,
    // A new filter's page replaces the shown one when it arrives (the filters' choices stay meanwhile).
    placeholderData: keepPreviousData,
  });
}
