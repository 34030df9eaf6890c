/** What the dashboard's Recharts charts share: the time and value axes, lone points and the tooltip's look. */
import { createElement, type ReactElement } from 'react';
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

/** The steps a value axis may take, times a power of ten: ticks read 0, 250, 500 or 0, 0.05, 0.1. */
const NICE_STEPS = [1, 2, 2.5, 5, 10] as const;

/**
 * A value axis from 0 that covers `max` with about `count` round ticks (steps of 1, 2, 2.5 or 5
 * times a power of ten), so no axis reads "2.3 s" or "0.035". `counts`: whole steps only (no
 * 2.5 errors). Without a positive finite max: 0 to 1.
 */
export function valueAxis(
  max: number,
  { count = 5, counts = false } = {},
): { domain: [number, number]; ticks: number[] } {
  if (!(max > 0) || !Number.isFinite(max))
    return counts ? { domain: [0, 1], ticks: [0, 1] } : { domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1] };
  const rough = Math.max(max / count, counts ? 1 : 0);
  const power = 10 ** Math.floor(Math.log10(rough));
  const steps = counts ? NICE_STEPS.filter((s) => Number.isInteger(s * power)) : NICE_STEPS;
  const step = steps.find((s) => s * power >= rough)! * power;
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  // toPrecision: 3 × 0.1 is 0.30000000000000004 in floating point.
  for (let i = 0; i * step <= top + step / 2; i++) ticks.push(Number((i * step).toPrecision(12)));
  return { domain: [0, ticks.at(-1)!], ticks };
}

/** The highest finite value of `keys` over `points` (0 without any). */
export function highest<P>(points: readonly P[], keys: readonly (keyof P)[]): number {
  let max = 0;
  for (const p of points)
    for (const k of keys) {
      const v = p[k];
      if (typeof v === 'number' && Number.isFinite(v) && v > max) max = v;
    }
  return max;
}

const present = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

/** Whether any point has a value at `key` (a chart draws the period before's line only then). */
export function hasValues<P>(points: readonly P[], key: keyof P): boolean {
  return points.some((p) => present(p[key]));
}

/** How every chart draws the period before: a thin grey dotted line, named in the legend. */
export const PREVIOUS_LINE = { stroke: 'var(--fg-muted)', strokeDasharray: '1 3', strokeWidth: 1.5 } as const;

/**
 * A Line's `dot` that marks only the points with no value on either side: a line without dots
 * draws nothing for them, so a sparse series (one request an hour) would vanish.
 */
export function loneDots<P>(points: readonly P[], key: keyof P, color: string) {
  return function LoneDot(props: { cx?: number; cy?: number; index?: number }): ReactElement {
    const i = props.index ?? -1;
    const lone =
      i >= 0 &&
      present(points[i]?.[key]) &&
      !present(points[i - 1]?.[key]) &&
      !present(points[i + 1]?.[key]) &&
      props.cx !== undefined &&
      props.cy !== undefined;
    return lone
      ? createElement('circle', { key: `lone-${i}`, cx: props.cx, cy: props.cy, r: 2.5, fill: color, 'data-lone': '' })
      : createElement('g', { key: `none-${i}` });
  };
}
