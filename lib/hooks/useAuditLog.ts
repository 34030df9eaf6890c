'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export type AuditDetailValue = string | number | boolean | null | string[];

export type AuditEvent = {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  projectId: string | null;
  details: Record<string, AuditDetailValue> | null;
};

type AuditPage = { events: AuditEvent[]; next: string | null };

const PAGE_SIZE = 50;

/** Newest first; each further page continues after the last event of the one before. */
export function useAuditLog(project: string | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.audit.list(project),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (project) params.set('project', project);
      if (pageParam) params.set('after', pageParam);
      return api<AuditPage>(`/api/v1/audit?${params}`);
    },
    getNextPageParam: (last) => last.next,
  });
}
