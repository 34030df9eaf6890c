/** What the dashboard's Recharts charts share: the time axis and the tooltip's look. */
import { DAY_MS } from '@/lib/time';

/** A time tick: hours and minutes (UTC), or day/month when the chart spans more than two days. */
export function timeTick(t: number, span: number): string {
  const d = new Date(t);
  if (span > 2 * DAY_MS) return `${d.getUTCDate()}/${d.getUTCMonth() + 1}`;
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** Props of an XAxis over the points' `t` (ms), ticks formatted for the span they cover. */
export function timeAxis(points: readonly { t: number }[]) {
  const span = points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0;
  return {
    dataKey: 't',
    type: 'number',
    scale: 'time',
    domain: ['dataMin', 'dataMax'],
    tickFormatter: (t: number) => timeTick(t, span),
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
