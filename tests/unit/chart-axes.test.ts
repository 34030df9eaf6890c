import { describe, expect, it } from 'vitest';
import { timeAxis, timeTick } from '@/components/charts/axes';

describe('chart time axis', () => {
  const t = Date.UTC(2026, 10, 24, 9, 5);
  it('shows hours and minutes (UTC) up to two days, then day/month', () => {
    expect(timeTick(t, 3_600_000)).toBe('09:05');
    expect(timeTick(t, 2 * 86_400_000)).toBe('09:05');
    expect(timeTick(t, 2 * 86_400_000 + 1)).toBe('24/11');
  });
  it('formats ticks for the span of the points', () => {
    expect(timeAxis([{ t }, { t: t + 86_400_000 }]).tickFormatter(t)).toBe('09:05');
    expect(timeAxis([{ t }, { t: t + 7 * 86_400_000 }]).tickFormatter(t)).toBe('24/11');
    expect(timeAxis([{ t }]).tickFormatter(t)).toBe('09:05');
  });
});
