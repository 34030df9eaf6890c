/**
 * Numbers as the dashboard (and alert notifications) show them. Fixed locale (en-US numbers), so
 * the server's render and the browser's agree; times are written by lib/format/time.ts, in the
 * zone the viewer chose. Latin-1 only in the source (lib/chars.ts): notifications are built on
 * the server.
 */
import { EN_DASH } from '../chars';
import { convertRatio, type RatioUnit } from '../metrics/units';

/** From this share of 5xx answers an error rate is flagged (an icon and the word "high", not only colour). */
export const HIGH_ERROR_RATE = 0.01;

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return integer.format(n);
}

/** Milliseconds: 0.42 ms, 4.2 ms, 182 ms, 1.25 s. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return EN_DASH;
  if (ms === 0) return '0 ms';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 1 : 2)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** A total of time spent (12.4 s, 3.5 min, 2.1 h, 4.2 d): durations summed over many requests. */
export function formatSpent(ms: number): string {
  if (!Number.isFinite(ms)) return EN_DASH;
  if (ms < 60_000) return formatMs(ms);
  const one = (n: number) => n.toFixed(n >= 100 ? 0 : 1);
  if (ms < 3_600_000) return `${one(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${one(ms / 3_600_000)} h`;
  return `${one(ms / 86_400_000)} d`;
}

/** A chart axis tick: short enough never to wrap (80 ms, 1.5 s). */
export function formatMsTick(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(1))} s`;
  if (ms >= 10 || ms === 0) return `${Math.round(ms)} ms`;
  return `${Number(ms.toFixed(1))} ms`;
}

/** Requests per second: three significant digits (two below 0.01), "<0.0001" for a trickle. */
export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0';
  if (perSecond < 0.0001) return '<0.0001';
  if (perSecond < 0.01) return perSecond.toPrecision(2).replace(/\.?0+$/, '');
  if (perSecond >= 100) return integer.format(perSecond);
  return perSecond.toPrecision(3).replace(/\.?0+$/, '');
}

/** A ratio as a percentage: 0%, 0.04%, 1.3%, 12%. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return EN_DASH;
  const pct = ratio * 100;
  if (pct === 0) return '0%';
  if (pct < 0.01) return '<0.01%';
  if (pct < 1) return `${pct.toFixed(2)}%`;
  if (pct < 10) return `${pct.toFixed(1)}%`;
  // Never round a share short of all up to "100%".
  if (pct < 100 && Math.round(pct) === 100) return `${Math.min(99.9, Number(pct.toFixed(1)))}%`;
  return `${Math.round(pct)}%`;
}

const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/**
 * A ratio in its unit as a percentage, whichever unit a series reports it in: 0.026 in `1` and
 * 2.6 in `%` are both 2.6%. Two decimals below 1% (0.78%), one from there (57.1%); absurd sizes
 * in exponent form rather than a line of digits.
 */
export function formatRatio(value: number | null | undefined, unit: RatioUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EN_DASH;
  const pct = convertRatio(value, unit, '%');
  const size = Math.abs(pct);
  if (!Number.isFinite(pct)) return pct > 0 ? '>1e308%' : '<-1e308%';
  if (size === 0) return '0%';
  if (size < 0.01) return pct > 0 ? '<0.01%' : '>-0.01%';
  if (size < 1) return `${pct.toFixed(2)}%`;
  if (size >= 1e9) return `${pct.toExponential(2)}%`;
  return `${oneDecimal.format(pct)}%`;
}

/** The change from `before` to `now` as a signed percentage, or null when it has no meaning. */
/**
 * Values a period needs, on each side, before its change against the other is shown as a
 * percentage: below it a percentile or a rate is mostly noise (a p95 of 19 requests is the
 * slowest but one), and a nearly empty previous period turns any traffic into "+694480%".
 */
export const MIN_COMPARE_SAMPLES = 30;

/** What a compared number was computed from: values in this period and the one before. */
export type Samples = { now: number; before: number; unit: string };

/** True when both periods hold enough values for their change to mean something. */
export const enoughToCompare = (s: Samples) => s.now >= MIN_COMPARE_SAMPLES && s.before >= MIN_COMPARE_SAMPLES;

export function change(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return (now - before) / before;
}
