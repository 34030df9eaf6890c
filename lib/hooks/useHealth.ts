'use client';

import { useQuery } from '@tanstack/react-query';
import type { HealthReport } from '@/lib/health/check';
import { queryKeys } from '@/lib/query-keys';

async function fetchHealth(): Promise<HealthReport> {
  const res = await fetch('/api/health', { cache: 'no-store' });
  // 503 still carries a report: the database is down, and that is the answer.
  if (!res.ok && res.status !== 503) throw new Error(`health check failed with HTTP ${res.status}`);
  return (await res.json()) as HealthReport;
}

export function useHealth() {
  return useQuery({ queryKey: queryKeys.health, queryFn: fetchHealth, refetchInterval: 15_000 });
}
