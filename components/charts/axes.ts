/** What the dashboard's Recharts charts share: the time axis and the tooltip's look. */
import { formatTick, timeTicks } from '@/lib/time-format';

/** The times a chart's points cover (its x domain), or null with fewer than one point. */
export function chartDomain(points: readonly { t: number }[]): { from: number; to: number } | null {
  if (!points.length) return null;
  return { from: points[0]!.t, to: points.at(-1)!.t };
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
    domain: ['dataMin', 'dataMax'],
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
