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
};

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
  };
}

/** A number as typed; text that is not one is sent as it is, so the server names the field. */
function numeric(text: string): number | string {
  const n = Number(text);
  return text.trim() === '' || !Number.isFinite(n) ? text : n;
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
  };
}
