/** The rule editor's form state, and how it maps to and from the API's rule. */
import type { FieldLabel } from '@/lib/form-errors';
import type { AlertRule } from '@/lib/hooks/useAlerts';

export type Draft = {
  name: string;
  metric: string;
  statistic: string;
  comparator: string;
  threshold: string;
  /** '' (as the series is sent), '%' or '1'. */
  thresholdUnit: string;
  windowMin: string;
  forMin: string;
  severity: string;
  noData: string;
  channels: string[];
  /** Only the series with these tags ('' = any): a route's requests, one service's. */
  service: string;
  method: string;
  route: string;
  /** The rule's other filters (set through the API), kept as they are. */
  otherFilters: Record<string, string>;
};

/** The filters the editor offers by name; a rule's other filters (set through the API) are kept as they are. */
export const FILTER_TAGS = ['service', 'method', 'route'] as const;

export const EMPTY_DRAFT: Draft = {
  name: '',
  metric: 'http.server.request.duration',
  statistic: 'p95',
  comparator: 'gt',
  threshold: '2000',
  thresholdUnit: '',
  windowMin: '5',
  forMin: '2',
  severity: 'high',
  noData: 'ok',
  channels: [],
  service: '',
  method: '',
  route: '',
  otherFilters: {},
};

/** The editor's labels by the body field each one fills, for lib/form-errors.ts. */
export const RULE_LABELS = {
  name: 'Name',
  metric: 'Metric',
  statistic: 'Statistic',
  comparator: 'Comparator',
  threshold: 'Threshold',
  thresholdUnit: 'Threshold unit',
  windowSec: 'Window (minutes)',
  forSec: 'For (minutes)',
  severity: 'Severity',
  noData: 'No data',
  channels: 'Channels',
  filters: 'Only service, method or route',
} satisfies Record<string, FieldLabel>;

export function draftOf(r: AlertRule): Draft {
  return {
    name: r.name,
    metric: r.metric,
    statistic: r.statistic,
    comparator: r.comparator,
    threshold: String(r.threshold),
    thresholdUnit: r.thresholdUnit ?? '',
    windowMin: String(r.windowSec / 60),
    forMin: String(r.forSec / 60),
    severity: r.severity,
    noData: r.noData,
    channels: r.channels,
    service: r.filters.service ?? '',
    method: r.filters.method ?? '',
    route: r.filters.route ?? '',
    otherFilters: Object.fromEntries(
      Object.entries(r.filters).filter(([k]) => !(FILTER_TAGS as readonly string[]).includes(k)),
    ),
  };
}

/** A number as typed; text that is not one is sent as it is, so the server names the field. */
function numeric(text: string): number | string {
  const n = Number(text);
  return text.trim() === '' || !Number.isFinite(n) ? text : n;
}

/** The rule's filters: its other ones as they were, and the editor's three, empty ones left out. */
export function filtersOf(d: Draft): Record<string, string> {
  const out: Record<string, string> = { ...d.otherFilters };
  for (const k of FILTER_TAGS) if (d[k].trim() !== '') out[k] = d[k].trim();
  return out;
}

export function bodyOf(d: Draft) {
  const seconds = (minutes: string) => {
    const n = numeric(minutes);
    return typeof n === 'number' ? Math.round(n * 60) : n;
  };
  return {
    name: d.name,
    metric: d.metric,
    statistic: d.statistic,
    comparator: d.comparator,
    threshold: numeric(d.threshold),
    thresholdUnit: d.thresholdUnit === '' ? null : d.thresholdUnit,
    windowSec: seconds(d.windowMin),
    forSec: seconds(d.forMin),
    severity: d.severity,
    noData: d.noData,
    channels: d.channels,
    filters: filtersOf(d),
  };
}
