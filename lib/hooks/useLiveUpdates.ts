'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { queryKeys } from '../query-keys';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** Refetches follow change events at most this often (the server sends at most one a second). */
export const REFRESH_MIN_MS = 2_000;
const BACKOFF_FIRST_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

/** The wait before reconnect attempt `attempt` (0-based): doubling to 30 s, with jitter so instances' clients spread out. */
export function backoffMs(attempt: number, random = Math.random()): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random / 2));
}

/**
 * Keeps a project's views live: an EventSource on GET /api/v1/stream, and on each `change` the
 * project's queries (under `queryKeys.data.all`) refetch. When the stream fails it reconnects
 * with backoff, and catches up (refetches) once it is back. Returns the status the badge shows.
 */
export function useLiveUpdates(project: string | null): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    if (!project) return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let refresh: ReturnType<typeof setTimeout> | undefined;
    let projectId: string | null = null;
    let lastRefresh = 0;
    let attempt = 0;
    let opened = false;

    const refetch = () => {
      refresh = undefined;
      lastRefresh = Date.now();
      if (projectId) void queryClient.invalidateQueries({ queryKey: queryKeys.data.all(projectId) });
    };
    const soon = () => {
      if (refresh) return;
      refresh = setTimeout(refetch, Math.max(0, lastRefresh + REFRESH_MIN_MS - Date.now()));
    };

    const connect = () => {
      setStatus(attempt === 0 && !opened ? 'connecting' : 'reconnecting');
      source = new EventSource(`/api/v1/stream?project=${encodeURIComponent(project)}`);
      source.addEventListener('ready', (e) => {
        try {
          projectId = (JSON.parse((e as MessageEvent<string>).data) as { projectId: string }).projectId;
        } catch {
          return;
        }
        // Back after a gap: what arrived meanwhile is fetched now.
        if (opened) soon();
        opened = true;
        attempt = 0;
        setStatus('live');
      });
      source.addEventListener('change', soon);
      source.onerror = () => {
        // EventSource would retry on its own, but not after an error status, and without backoff.
        source?.close();
        setStatus('reconnecting');
        retry = setTimeout(connect, backoffMs(attempt++));
      };
    };
    connect();
    return () => {
      clearTimeout(retry);
      clearTimeout(refresh);
      source?.close();
    };
  }, [project, queryClient]);

  return status;
}
