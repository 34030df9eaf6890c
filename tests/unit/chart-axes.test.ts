import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { chartDomain, highest, loneDots, timeAxis, valueAxis } from '@/components/charts/axes';
import { Sparkline } from '@/components/charts/Sparkline';
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
    // A deploy is an instant: one time, and no severity word.
    const deploy = a('d', from + HOUR, from + HOUR, { kind: 'deploy', title: 'shop-api v1.4.0', severity: 'info' });
    expect(annotationText(deploy, 'UTC')).toBe('shop-api v1.4.0, deploy, 7 Dec, 13:00 UTC');
    expect(visibleAnnotations([deploy], domain)[0]).toMatchObject({
      x1: from + HOUR,
      x2: from + HOUR,
      startsInside: true,
    });
    expect(annotationsSummary(visibleAnnotations([a('x', from, null), deploy], domain))).toBe(
      '; 2 events marked, listed below the chart',
    );
    const shown = visibleAnnotations([a('x', from, null), a('y', from + HOUR, null)], domain);
    expect(annotationsSummary(shown)).toBe('; 2 alerts marked, listed below the chart');
    expect(annotationsSummary([])).toBe('');
  });
});

describe('value axes', () => {
  it('take round steps from 0 past the highest value', () => {
    expect(valueAxis(2_300)).toEqual({ domain: [0, 2_500], ticks: [0, 500, 1_000, 1_500, 2_000, 2_500] });
    // CLS up to its poor threshold and a bit: no 0.035 or 0.065625.
    expect(valueAxis(0.25 * 1.05).ticks).toEqual([0, 0.1, 0.2, 0.3]);
    expect(valueAxis(0.14).ticks).toEqual([0, 0.05, 0.1, 0.15]);
    expect(valueAxis(10).ticks).toEqual([0, 2, 4, 6, 8, 10]);
    expect(valueAxis(1.1).ticks).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25]);
    for (const max of [0.0007, 3, 47, 999, 1_234_567]) {
      const { domain, ticks } = valueAxis(max);
      expect(domain[1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.length).toBeLessThanOrEqual(8);
      const step = ticks[1]! - ticks[0]!;
      const mantissa = Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(6));
      expect([1, 2, 2.5, 5]).toContain(mantissa);
    }
  });

  it('count in whole steps when asked, and have a default without data', () => {
    expect(valueAxis(10, { counts: true }).ticks).toEqual([0, 2, 4, 6, 8, 10]);
    expect(valueAxis(23, { counts: true }).ticks).toEqual([0, 5, 10, 15, 20, 25]);
    expect(valueAxis(2, { counts: true }).ticks).toEqual([0, 1, 2]);
    expect(valueAxis(3, { counts: true }).ticks.every(Number.isInteger)).toBe(true);
    expect(valueAxis(0)).toEqual({ domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1] });
    expect(valueAxis(Number.NaN, { counts: true })).toEqual({ domain: [0, 1], ticks: [0, 1] });
    expect(
      highest(
        [
          { a: 1, b: null },
          { a: Number.POSITIVE_INFINITY, b: 7 },
        ],
        ['a', 'b'],
      ),
    ).toBe(7);
  });
});

describe('sparse series', () => {
  const points = [{ v: null }, { v: 5 }, { v: null }, { v: 3 }, { v: 4 }, { v: null }, { v: 9 }];
  const dot = loneDots<{ v: number | null }>(points, 'v', 'red');
  const drawn = (index: number) => renderToStaticMarkup(dot({ cx: 10, cy: 20, index }));

  it('a chart line marks a value with none on either side, and only those', () => {
    expect(drawn(1)).toContain('<circle');
    expect(drawn(6)).toContain('<circle');
    expect(drawn(3)).not.toContain('<circle');
    expect(drawn(4)).not.toContain('<circle');
    expect(drawn(0)).not.toContain('<circle');
  });

  it('a sparkline draws lone values as dots and runs as lines', () => {
    const html = renderToStaticMarkup(createElement(Sparkline, { values: points.map((p) => p.v), label: 'x' }));
    expect(html.match(/<circle/g)).toHaveLength(2);
    // The run of 3 and 4 (steps 3 and 4 of 6, 16 px apart) is a line.
    expect(html).toMatch(/M48\.0,[\d.]+L64\.0,[\d.]+/);
    // One value in all (an hour with one request): a dot, not a blank.
    const one = renderToStaticMarkup(createElement(Sparkline, { values: [null, null, 7, null], label: 'y' }));
    expect(one.match(/<circle/g)).toHaveLength(1);
  });
});
