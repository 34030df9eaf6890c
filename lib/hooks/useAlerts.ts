'use client';

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { refresh } from './refresh';

export type AlertRule = {
  id: string;
  name: string;
  type: 'threshold' | 'burn_rate';
  metric: string;
  filters: Record<string, string>;
  statistic: string;
  comparator: 'gt' | 'gte' | 'lt' | 'lte';
  threshold: number;
  /** A ratio threshold's unit; `lastValue` is in it too. Null: as the series report values. */
  thresholdUnit: '%' | '1' | null;
  windowSec: number;
  forSec: number;
  severity: 'critical' | 'high' | 'medium' | 'low';
  channels: string[];
  repeatSec: number;
  noData: 'ok' | 'alerting' | 'keep_last';
  slo: number | null;
  enabled: boolean;
  seedKey: string | null;
  state: 'inactive' | 'pending' | 'firing';
  pendingSince: string | null;
  firingSince: string | null;
  lastValue: number | null;
  lastEvalAt: string | null;
  lastError: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
};

export type AlertChannel = {
  id: string;
  name: string;
  type: 'slack' | 'webhook' | 'email' | 'pagerduty';
  to: string[] | null;
  signed: boolean;
  secretHint: string;
  createdAt: string;
};

export type Delivery = {
  id: string;
  kind: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

export type Silence = {
  id: string;
  ruleId: string | null;
  matchers: { name: string; value: string }[];
  startsAt: string;
  endsAt: string;
  comment: string;
  createdBy: string;
};

export type AlertEvent = { id: string; ruleId: string; kind: string; value: number | null; at: string };
export type Preview = {
  points: { at: number; value: number | null; state: 'inactive' | 'pending' | 'firing' }[];
  firings: { from: number; to: number | null }[];
  /** The unit of the points' values (the rule's threshold unit); null: as the series report them. */
  unit: '%' | '1' | null;
};

const base = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/alerts`;

/**
 * The page's reads as query options: the hooks below use them, and a test compares them with
 * what the server prefetches (lib/alerts/page-data.ts) under the same keys.
 */
export const alertQueries = {
  rules: (projectId: string) =>
    queryOptions({
      queryKey: queryKeys.alerts.rules(projectId),
      queryFn: async () => (await api<{ rules: AlertRule[] }>(`${base(projectId)}/rules`)).rules,
    }),
  channels: (projectId: string) =>
    queryOptions({
      queryKey: queryKeys.alerts.channels(projectId),
      queryFn: async () => (await api<{ channels: AlertChannel[] }>(`${base(projectId)}/channels`)).channels,
    }),
  silences: (projectId: string) =>
    queryOptions({
      queryKey: queryKeys.alerts.silences(projectId),
      queryFn: async () => (await api<{ silences: Silence[] }>(`${base(projectId)}/silences`)).silences,
    }),
  history: (projectId: string) =>
    queryOptions({
      queryKey: queryKeys.alerts.history(projectId),
      queryFn: async () => (await api<{ events: AlertEvent[] }>(`${base(projectId)}/history`)).events,
    }),
};

export function useAlertRules(projectId: string) {
  return useQuery({ ...alertQueries.rules(projectId), refetchInterval: 15_000 });
}

export function useAlertChannels(projectId: string) {
  return useQuery(alertQueries.channels(projectId));
}

export function useDeliveries(projectId: string, channelId: string | null) {
  return useQuery({
    queryKey: queryKeys.alerts.deliveries(projectId, channelId ?? ''),
    queryFn: async () =>
      (await api<{ deliveries: Delivery[] }>(`${base(projectId)}/channels/${encodeURIComponent(channelId!)}`))
        .deliveries,
    enabled: channelId !== null,
  });
}

export function useSilences(projectId: string) {
  return useQuery(alertQueries.silences(projectId));
}

export function useAlertHistory(projectId: string) {
  return useQuery({ ...alertQueries.history(projectId), refetchInterval: 15_000 });
}

/** Any change: every alert read of the project and the audit log go stale. */
function useAlertMutation<I, O>(projectId: string, fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        refresh(queryClient, queryKeys.alerts.all(projectId)),
        refresh(queryClient, queryKeys.audit.all),
      ]);
    },
  });
}

export function useRuleAction(projectId: string) {
  return useAlertMutation(projectId, ({ id, action }: { id: string; action: 'acknowledge' | 'resolve' }) =>
    api(`${base(projectId)}/rules/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
  );
}

export function useSaveRule(projectId: string) {
  return useAlertMutation(projectId, ({ id, body }: { id: string | null; body: Record<string, unknown> }) =>
    id
      ? api(`${base(projectId)}/rules/${encodeURIComponent(id)}`, { method: 'PATCH', body })
      : api(`${base(projectId)}/rules`, { method: 'POST', body }),
  );
}

export function useDeleteRule(projectId: string) {
  return useAlertMutation(projectId, (id: string) =>
    api(`${base(projectId)}/rules/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  );
}

export function usePreview(projectId: string) {
  return useMutation({
    mutationFn: async (body: Record<string, unknown>) =>
      (await api<{ preview: Preview }>(`${base(projectId)}/preview`, { method: 'POST', body })).preview,
  });
}

export function useCreateChannel(projectId: string) {
  return useAlertMutation(projectId, (body: Record<string, unknown>) =>
    api(`${base(projectId)}/channels`, { method: 'POST', body }),
  );
}

export function useDeleteChannel(projectId: string) {
  return useAlertMutation(projectId, (id: string) =>
    api(`${base(projectId)}/channels/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  );
}

export function useTestChannel(projectId: string) {
  return useAlertMutation(projectId, (id: string) =>
    api<{ delivery: { status: string; attempts: number; lastError: string | null } }>(
      `${base(projectId)}/channels/${encodeURIComponent(id)}/test`,
      { method: 'POST' },
    ),
  );
}

export function useCreateSilence(projectId: string) {
  return useAlertMutation(projectId, (body: Record<string, unknown>) =>
    api(`${base(projectId)}/silences`, { method: 'POST', body }),
  );
}

export function useExpireSilence(projectId: string) {
  return useAlertMutation(projectId, (id: string) =>
    api(`${base(projectId)}/silences/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  );
}
