import { EN_DASH } from '@/lib/chars';

/** The evidence's numbers in words, by their names' units (`…Ms`, `…Bytes`, rates and shares). */
export function numberText(name: string, value: number | string | null): string {
  if (value === null) return EN_DASH;
  if (typeof value === 'string') return value;
  const lower = name.toLowerCase();
  if (lower.endsWith('msperday')) return `${(value / 3_600_000).toFixed(value >= 36_000_000 ? 0 : 1)} h a day`;
  if (lower.endsWith('ms')) return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
  if (lower.endsWith('bytes') || lower.endsWith('bytesperday')) {
    return value >= 1e9
      ? `${(value / 1e9).toFixed(1)} GB`
      : value >= 1e6
        ? `${(value / 1e6).toFixed(1)} MB`
        : `${Math.round(value / 1e3)} KB`;
  }
  if (lower.endsWith('pct')) return `${value.toFixed(0)}%`;
  if (/(rate|share|threshold|target)$/.test(lower) && value <= 1)
    return `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;
  if (lower === 'queriesdbcorrelation') return `r = ${value.toFixed(2)}`;
  if (Number.isInteger(value)) return value.toLocaleString('en');
  return value.toFixed(value < 10 ? 2 : 0);
}
