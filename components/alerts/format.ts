/** How the alert views word rules, values and times. */
import type { Tone } from '@/components/ui/Badge';
import type { AlertRule } from '@/lib/hooks/useAlerts';
import { REQUEST_STATISTICS } from '@/lib/alerts/statistics';
import { ruleUnit } from './units';

export const SEVERITY_TONE: Record<AlertRule['severity'], Tone> = {
  critical: 'poor',
  high: 'poor',
  medium: 'warn',
  low: 'neutral',
};
export const STATE_TONE: Record<AlertRule['state'], Tone> = { firing: 'poor', pending: 'warn', inactive: 'good' };
export const COMPARATOR: Record<string, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤' };

function number(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(3)).toString();
}

/** A rule's value in its unit ("412 ms", "25%"), or "no data". */
export function value(
  v: number | null,
  rule: { type: string; metric: string; statistic: string; thresholdUnit?: string | null },
): string {
  if (v === null) return 'no data';
  const unit = ruleUnit(rule);
  return `${number(v * unit.scale)}${unit.suffix}`;
}

/** "POST /checkout of shop-api, device=mobile": what a rule's filters narrow it to ('' without). */
export function scope(filters: Record<string, string>): string {
  const { service, method, route, ...rest } = filters;
  const request = [method, route].filter(Boolean).join(' ');
  const parts = [request && service ? `${request} of ${service}` : request || (service ? `service ${service}` : '')];
  for (const [k, v] of Object.entries(rest)) parts.push(`${k}=${v}`);
  return parts.filter(Boolean).join(', ');
}

export function condition(r: AlertRule): string {
  if (r.type === 'burn_rate') return `error budget burn (SLO ${r.slo})`;
  const of = REQUEST_STATISTICS.has(r.statistic) ? 'requests' : r.metric;
  const only = scope(r.filters);
  return `${r.statistic} of ${of}${only ? ` (${only})` : ''} ${COMPARATOR[r.comparator] ?? r.comparator} ${value(r.threshold, r)} over ${r.windowSec / 60} min`;
}
