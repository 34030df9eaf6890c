import type { MetricSummary } from '@/lib/queries/observatory';
import { isRatioUnit, type RatioUnit } from '@/lib/metrics/units';
import { formatMs, formatRatio } from '@/lib/format/numbers';

const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** Bytes in binary units: 512 B, 3.4 MB, 1.9 GB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** A metric's value in its unit: ratios (`1` 0-1 or `%` 0-100) as percentages, bytes, seconds, dollars, or a plain number. */
export function formatMetric(value: number | null | undefined, unit: MetricSummary['unit'] | RatioUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (isRatioUnit(unit)) return formatRatio(value, unit);
  if (unit === 'By') return formatBytes(value);
  if (unit === 's') return formatMs(value * 1000);
  if (unit === 'USD') return usd.format(value);
  return oneDecimal.format(value);
}
