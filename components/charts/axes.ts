/** What the dashboard's Recharts charts share: the time axis and the tooltip's look. */
import { formatTick, timeTicks } from '@/lib/format/time';

/**
 * The times a chart's points cover (its x domain): from the first step's start to the last
 * step's end, so what happened during the last step (an alert that fired a minute ago) is on
 * the chart. Null without points.
 */
export function chartDomain(points: readonly { t: number }[]): { from: number; to: number } | null {
  if (!points.length) return null;
  let step = Infinity;
  for (let i = 1; i < points.length; i++) step = Math.min(step, points[i]!.t - points[i - 1]!.t);
  const from = points[0]!.t;
  const last = points.at(-1)!.t;
  return { from, to: Number.isFinite(step) && step > 0 ? last + step : last };
}

/**
 * Props of an XAxis over the points' `t` (ms): ticks on round times of `zone`'s clock, written
 * for the span they cover (hours and minutes up to two days, then the day).
 */
export function timeAxis(points: readonly { t: number }[], zone: string) {
  const domain = chartDomain(points);
  const span = domain ? domain.to - domain.from : 0;
  const ticks = domain && span > 0 ? timeTicks(domain.from, domain.to, zone) : undefined;
  return {
    dataKey: 't',
    type: 'number',
    scale: 'time',
    domain: domain ? [domain.from, domain.to] : ['dataMin', 'dataMax'],
    ticks: ticks?.length ? ticks : undefined,
    tickFormatter: (t: number) => formatTick(t, zone, span),
    stroke: 'var(--fg-muted)',
    fontSize: 11,
    minTickGap: 24,
  } as const;
}

/** Props giving a Tooltip the dashboard's surface, border and type size. */
export const TOOLTIP_LOOK = {
  contentStyle: { background: 'var(--surface)', border: '1px solid var(--border)', fontSize: 12 },
  labelStyle: { color: 'var(--fg)' },
} as const;
