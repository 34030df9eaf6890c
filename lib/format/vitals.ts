/** How vitals read on screen (the view's URL state is lib/views/web-vitals.ts). */
import type { WebVital } from '../metrics';
import { formatMs } from './numbers';

/** A vital's value: durations as formatMs, CLS (no unit) with up to three decimals. */
export function formatVital(vital: WebVital, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (vital !== 'CLS') return formatMs(value);
  if (value === 0) return '0';
  return value < 0.01 ? value.toFixed(3) : value.toFixed(2);
}

export const RATING_LABELS = { good: 'Good', 'needs-improvement': 'Needs improvement', poor: 'Poor' } as const;
