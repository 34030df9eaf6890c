import { describe, expect, it } from 'vitest';
import { chartDomain, timeAxis } from '@/components/charts/axes';
import {
  annotationsAt,
  annotationsSummary,
  annotationText,
  visibleAnnotations,
} from '@/components/charts/annotation-spans';
import type { Annotation } from '@/lib/annotations/types';

const HOUR = 3_600_000;
const DAY = 86_400_000;

describe('chart time axis', () => {
  const t = Date.UTC(2026, 10, 24, 9, 5);
  it('writes ticks for the span of the points: hours and minutes up to two days, then the day', () => {
    // Two points a day apart span two days (the last step ends a day after the last point).
    expect(timeAxis([{ t }, { t: t + DAY / 2 }], 'UTC').tickFormatter(t)).toBe('09:05');
    expect(timeAxis([{ t }, { t: t + DAY }], 'UTC').tickFormatter(t)).toBe('09:05');
    expect(timeAxis([{ t }, { t: t + DAY + 1 }], 'UTC').tickFormatter(t)).toBe('24 Nov');
    expect(timeAxis([{ t }], 'UTC').tickFormatter(t)).toBe('09:05');
  });

  it('writes ticks in the zone asked for', () => {
    expect(timeAxis([{ t }, { t: t + DAY }], 'Asia/Tokyo').tickFormatter(t)).toBe('18:05');
    expect(timeAxis([{ t }, { t: t + DAY }], 'America/New_York').tickFormatter(t)).toBe('04:05');
  });

  it('covers the points to the end of the last step', () => {
    const steps = Array.from({ length: 4 }, (_, i) => ({ t: t + i * 5 * 60_000 }));
    expect(chartDomain(steps)).toEqual({ from: t, to: t + 20 * 60_000 });
    expect(timeAxis(steps, 'UTC').domain).toEqual([t, t + 20 * 60_000]);
    expect(chartDomain([{ t }])).toEqual({ from: t, to: t });
    expect(chartDomain([])).toBeNull();
  });

  it('places ticks on round times of the zone, within the domain', () => {
    const hourly = Array.from({ length: 24 }, (_, i) => ({ t: t + i * HOUR }));
    const ticks = timeAxis(hourly, 'Asia/Kolkata').ticks!;
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const tick of ticks) {
      expect(tick).toBeGreaterThanOrEqual(t);
      expect(tick).toBeLessThanOrEqual(t + DAY);
      // Kolkata is UTC+5:30: its whole hours are half past in UTC.
      expect(new Date(tick).getUTCMinutes()).toBe(30);
    }
    expect(timeAxis([{ t }], 'UTC').ticks).toBeUndefined();
  });
});

describe('annotations on a chart', () => {
  const from = Date.UTC(2026, 11, 7, 12, 0);
  const domain = { from, to: from + 2 * HOUR };
  const a = (id: string, start: number, end: number | null, extra: Partial<Annotation> = {}): Annotation => ({
    id,
    kind: 'alert',
    title: `Rule ${id}`,
    severity: 'critical',
    tone: 'poor',
    from: start,
    to: end,
    startedAt: start,
    endedAt: end,
    href: `/alerts?rule=${id}`,
    ...extra,
  });

  it('clips spans to the domain, drops those outside, numbers the rest in time order', () => {
    const shown = visibleAnnotations(
      [
        a('late', from + HOUR, null),
        a('before', from - 3 * HOUR, from - 2 * HOUR),
        a('over-start', from - HOUR, from + 30 * 60_000, { startedAt: from - HOUR }),
        a('after', from + 3 * HOUR, from + 4 * HOUR),
      ],
      domain,
    );
    expect(shown.map((s) => [s.annotation.id, s.number, s.x1, s.x2, s.startsInside, s.nearEnd])).toEqual([
      ['over-start', 1, from, from + 30 * 60_000, false, false],
      // Still going: to the domain's end.
      ['late', 2, from + HOUR, domain.to, true, false],
    ]);
    // One that began in the last tenth has its label on the left of its line.
    expect(visibleAnnotations([a('now', domain.to - 60_000, null)], domain)[0]!.nearEnd).toBe(true);
    expect(annotationsAt(shown, from + 15 * 60_000).map((s) => s.number)).toEqual([1]);
    expect(annotationsAt(shown, from + 45 * 60_000)).toEqual([]);
    expect(visibleAnnotations([a('x', from, from + HOUR)], null)).toEqual([]);
  });

  it('describes each mark in words, in the zone asked for', () => {
    expect(annotationText(a('x', from, from + 30 * 60_000), 'UTC')).toBe(
      'Rule x, critical alert, 7 Dec, 12:00 – 12:30 UTC',
    );
    expect(annotationText(a('y', from, null, { severity: 'low' }), 'Europe/Berlin')).toBe(
      'Rule y, low alert, 7 Dec, 13:00 UTC+1 – now',
    );
    const shown = visibleAnnotations([a('x', from, null), a('y', from + HOUR, null)], domain);
    expect(annotationsSummary(shown)).toBe('; 2 alerts marked, listed below the chart');
    expect(annotationsSummary([])).toBe('');
  });
});
