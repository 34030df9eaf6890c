/**
 * The Web Vitals view's own URL state (percentile, page route, device) and how vitals read on
 * screen. Parsing never throws: a value that does not fit falls back to its default.
 */
import {
  DEFAULT_VITAL_PERCENTILE,
  DEVICES,
  VITAL_PERCENTILE_CHOICES,
  type VitalPercentile,
  type WebVital,
} from '../metrics';
import { formatMs } from './format';
import { firstParam, textParam, type SearchParamsLike } from './state';

export type VitalFilterState = { percentile: VitalPercentile; route: string | null; device: string | null };

export function parseVitalFilters(params: SearchParamsLike): VitalFilterState {
  const p = firstParam(params, 'percentile');
  const device = firstParam(params, 'device');
  return {
    percentile: (VITAL_PERCENTILE_CHOICES as readonly string[]).includes(p ?? '')
      ? (p as VitalPercentile)
      : DEFAULT_VITAL_PERCENTILE,
    route: textParam(params, 'route'),
    device: (DEVICES as readonly string[]).includes(device ?? '') ? device! : null,
  };
}

/** A vital's value: durations as formatMs, CLS (no unit) with up to three decimals. */
export function formatVital(vital: WebVital, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (vital !== 'CLS') return formatMs(value);
  if (value === 0) return '0';
  return value < 0.01 ? value.toFixed(3) : value.toFixed(2);
}

export const RATING_LABELS = { good: 'Good', 'needs-improvement': 'Needs improvement', poor: 'Poor' } as const;
