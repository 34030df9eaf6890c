/**
 * The Web Vitals view's query against exact answers computed from the inserted vitals, on real
 * databases and across compaction: percentiles within 1% (the sketches' accuracy) at p75, p90,
 * p95 and p99; good / needs-improvement / poor shares exact to the sketch bin holding each
 * threshold; counts and histogram bins exact; the percentile per step; by page route (worst
 * first) and device; route and device filters; the period before; and the worst pages'
 * attribution (most frequent element, resource, INP target and its phase medians) from
 * VitalSample rows, in the range, of the project and device only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { binBound, keyOf } from '@/lib/rollup';
import {
  performanceScore,
  rateVital,
  VITAL_PERCENTILES,
  VITALS,
  WEB_VITALS,
  type VitalPercentile,
  type WebVital,
} from '@/lib/metrics';
import { IngestWriter, type IngestPoint } from '@/lib/ingest/writer';
import { createProject } from '@/lib/projects/store';
import { compact, DAY_MS, HOUR_MS, LATENESS_MS } from '@/lib/rollup';
import { VITAL_SAMPLE_COLUMNS } from '@/lib/vitals/rows';
import { getWebVitals, type VitalBreakdownRow, type WebVitals } from '@/lib/queries/web-vitals';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const T0 = Date.UTC(2026, 10, 2);
const PAGES = [
  { route: '/', lcp: 1_200, inp: 80, cls: 0.03, fcp: 700, ttfb: 250 },
  { route: '/products/[id]', lcp: 1_900, inp: 120, cls: 0.09, fcp: 1_000, ttfb: 300 },
  { route: '/search', lcp: 3_200, inp: 320, cls: 0.2, fcp: 1_900, ttfb: 900 },
] as const;
const DEVICES = [
  { device: 'mobile', factor: 1.4 },
  { device: 'desktop', factor: 1 },
] as const;

type Load = { ts: number; route: string; device: string } & Partial<Record<WebVital, number>>;

function nearestRank(sorted: number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

function expectWithin1(actual: number | null, expected: number) {
  expect(actual).not.toBeNull();
  if (expected === 0) return expect(actual).toBe(0);
  expect(Math.abs(actual! - expected) / expected).toBeLessThanOrEqual(0.01 + 1e-9);
}

/** A spread from 0.4× to 2.4× the base, the same for the same inputs. */
const spread = (i: number, j: number, salt: number) =>
  0.4 + ((i * 7919 + j * 104_729 + salt * 15_485_863) % 1000) / 500;
const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

describe.each(databaseProviders())('web vitals query on %s', (_name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  let projectId: string;
  let otherProjectId: string;
  const loads: Load[] = [];
  // Two days, a page load per minute per page and device; the second day is the range and slower.
  const range = { from: T0 + DAY_MS, to: T0 + 2 * DAY_MS };
  const previous = { from: T0, to: T0 + DAY_MS };

  beforeAll(async () => {
    database = fresh();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
    projectId = (await createProject(db, 'test', { name: 'Vitals' })).id;
    otherProjectId = (await createProject(db, 'test', { name: 'Other' })).id;
    const writer = new IngestWriter(db, target.provider);
    const points: IngestPoint[] = [];
    for (let i = 0; i < (2 * DAY_MS) / 60_000; i++) {
      const slower = i >= DAY_MS / 60_000 ? 1.3 : 1;
      PAGES.forEach((p, j) => {
        DEVICES.forEach((d, k) => {
          const f = d.factor * slower;
          const load: Load = {
            ts: T0 + i * 60_000 + j * 5_000 + k * 1_000,
            route: p.route,
            device: d.device,
            LCP: round(p.lcp * f * spread(i, j, k)),
            FCP: round(p.fcp * f * spread(i, j, k + 2)),
            TTFB: round(p.ttfb * f * spread(i, j, k + 4)),
            // Every third load has no layout shift at all; every fifth has no interaction.
            CLS: i % 3 === 0 ? 0 : round(p.cls * f * spread(i, j, k + 6), 4),
          };
          if (i % 5 !== 0) load.INP = round(p.inp * f * spread(i, j, k + 8));
          loads.push(load);
          for (const vital of VITALS) {
            const value = load[vital];
            if (value === undefined) continue;
            const { metric, unit } = WEB_VITALS[vital];
            points.push({
              name: metric,
              kind: 'distribution',
              unit,
              tags: { route: p.route, device: d.device },
              ts: load.ts,
              value,
            });
          }
        });
      });
    }
    for (let i = 0; i < points.length; i += 20_000) await writer.submit(projectId, points.slice(i, i + 20_000));
    await writer.submit(
      otherProjectId,
      points.slice(0, 2_000).map((p) => ({ ...p, tags: { ...p.tags, route: '/elsewhere' } })),
    );

    // Attribution of vitals not rated good, as beacons store it.
    const sample = (
      project: string,
      ts: number,
      route: string,
      vital: WebVital,
      value: number,
      device: string,
      a: { target?: string; url?: string; interaction?: string; phases?: [number, number, number] } = {},
    ) => [
      project,
      ts,
      route,
      vital,
      value,
      device,
      'navigate',
      '4g',
      a.target ?? null,
      a.url ?? null,
      a.interaction ?? null,
      a.phases?.[0] ?? null,
      a.phases?.[1] ?? null,
      a.phases?.[2] ?? null,
    ];
    const rows: unknown[][] = [];
    const at = (n: number) => range.from + 3 * HOUR_MS + n * 60_000;
    for (let n = 0; n < 30; n++)
      rows.push(
        sample(projectId, at(n), '/search', 'LCP', 4_500, 'mobile', {
          target: 'img.hero',
          url: 'https://cdn.example/hero.jpg',
        }),
      );
    for (let n = 0; n < 12; n++)
      rows.push(
        sample(projectId, at(n), '/search', 'LCP', 3_000, 'mobile', {
          target: 'h1.title',
          url: 'https://cdn.example/font.woff2',
        }),
      );
    for (let n = 0; n < 8; n++)
      rows.push(sample(projectId, at(n), '/search', 'LCP', 3_100, 'mobile', { target: 'img.hero' }));
    // INP: button#filter 21 times (pointer 15, keyboard 6), with phases n, 10n, 100 + n.
    for (let n = 0; n < 21; n++)
      rows.push(
        sample(projectId, at(n), '/search', 'INP', 400 + n, 'mobile', {
          target: 'button#filter',
          interaction: n < 15 ? 'pointer' : 'keyboard',
          phases: [n, 10 * n, 100 + n],
        }),
      );
    for (let n = 0; n < 5; n++)
      rows.push(
        sample(projectId, at(n), '/search', 'INP', 600, 'mobile', {
          target: 'input#q',
          interaction: 'keyboard',
          phases: [500, 50, 50],
        }),
      );
    for (let n = 0; n < 9; n++)
      rows.push(sample(projectId, at(n), '/search', 'CLS', 0.3, 'mobile', { target: 'div.ads' }));
    // On desktop, another element; before the range and in another project, many more that never show.
    for (let n = 0; n < 4; n++)
      rows.push(
        sample(projectId, at(n), '/search', 'LCP', 4_200, 'desktop', {
          target: 'video.promo',
          url: 'https://cdn.example/promo.mp4',
        }),
      );
    for (let n = 0; n < 100; n++)
      rows.push(
        sample(projectId, previous.from + n * 60_000, '/search', 'LCP', 5_000, 'mobile', { target: 'img.old' }),
      );
    for (let n = 0; n < 100; n++)
      rows.push(sample(otherProjectId, at(n), '/search', 'LCP', 5_000, 'mobile', { target: 'img.other' }));
    await writer.submit(projectId, [], [{ table: 'VitalSample', columns: VITAL_SAMPLE_COLUMNS, rows }]);
  }, 180_000);

  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  const values = (list: Load[], vital: WebVital, r: { from: number; to: number }) =>
    list
      .filter((l) => l.ts >= r.from && l.ts < r.to && l[vital] !== undefined)
      .map((l) => l[vital]!)
      .sort((a, b) => a - b);

  function truth(list: Load[], vital: WebVital, r: { from: number; to: number }, percentile: VitalPercentile) {
    const sorted = values(list, vital, r);
    return sorted.length ? nearestRank(sorted, VITAL_PERCENTILES[percentile]) : null;
  }

  /** Values at most the upper end of the sketch bin holding x (what countAtMost(x) counts). */
  const atMostBin = (sorted: number[], x: number) => sorted.filter((v) => v === 0 || v <= binBound(keyOf(x))).length;

  function expectSummary(
    result: WebVitals,
    list: Load[],
    r: { from: number; to: number },
    percentile: VitalPercentile,
  ) {
    expect(result.vitals.map((v) => v.vital)).toEqual(['LCP', 'INP', 'CLS', 'FCP', 'TTFB']);
    for (const v of result.vitals) {
      const sorted = values(list, v.vital, r);
      expect(v.count).toBe(sorted.length);
      const expected = truth(list, v.vital, r, percentile)!;
      expectWithin1(v.value, expected);
      expect(v.rating).toBe(rateVital(v.vital, v.value!));
      expect(v.good).toBe(WEB_VITALS[v.vital].good);
      expect(v.poor).toBe(WEB_VITALS[v.vital].poor);
      // Shares: exact counts up to the bin holding each threshold, and close to the exact split.
      const good = atMostBin(sorted, v.good);
      const notPoor = atMostBin(sorted, v.poor);
      expect(v.shares!.good).toBeCloseTo(good / sorted.length, 12);
      expect(v.shares!.poor).toBeCloseTo((sorted.length - notPoor) / sorted.length, 12);
      expect(v.shares!.good + v.shares!.needsImprovement + v.shares!.poor).toBeCloseTo(1, 12);
      const exactGood = sorted.filter((x) => x <= v.good).length / sorted.length;
      const exactPoor = sorted.filter((x) => x > v.poor).length / sorted.length;
      expect(v.shares!.good).toBeGreaterThanOrEqual(exactGood);
      expect(v.shares!.good).toBeLessThanOrEqual(sorted.filter((x) => x <= v.good * 1.02).length / sorted.length);
      expect(v.shares!.poor).toBeLessThanOrEqual(exactPoor);
      expect(v.shares!.poor).toBeGreaterThanOrEqual(sorted.filter((x) => x > v.poor * 1.02).length / sorted.length);
    }
  }

  function expectRow(
    row: VitalBreakdownRow | undefined,
    list: Load[],
    r: { from: number; to: number },
    p: VitalPercentile,
  ) {
    expect(row).toBeDefined();
    const expected: Partial<Record<WebVital, number | null>> = {};
    for (const vital of VITALS) {
      const sorted = values(list, vital, r);
      expect(row!.vitals[vital].count).toBe(sorted.length);
      expected[vital] = truth(list, vital, r, p);
      expectWithin1(row!.vitals[vital].value, expected[vital]!);
      expect(row!.vitals[vital].rating).toBe(rateVital(vital, row!.vitals[vital].value!));
    }
    expect(row!.samples).toBe(list.filter((l) => l.ts >= r.from && l.ts < r.to).length);
    expect(Math.abs(row!.score! - performanceScore(expected)!)).toBeLessThanOrEqual(1);
  }

  const of = (route: string) => loads.filter((l) => l.route === route);
  const onDevice = (device: string) => loads.filter((l) => l.device === device);

  async function expectAll() {
    for (const percentile of ['p75', 'p90', 'p95', 'p99'] as const) {
      const result = await getWebVitals(db, projectId, {}, range, { percentile, compare: true });
      expect(result.percentile).toBe(percentile);
      expect(result.previousRange).toEqual(previous);
      expectSummary(result, loads, range, percentile);
      for (const v of result.vitals) {
        expectWithin1(v.previous!.value, truth(loads, v.vital, previous, percentile)!);
        expect(v.previous!.count).toBe(values(loads, v.vital, previous).length);
      }
      // Worst page first: /search is slow on every vital.
      expect(result.byRoute.map((r) => r.key)).toEqual(['/search', '/products/[id]', '/']);
      for (const page of PAGES)
        expectRow(
          result.byRoute.find((r) => r.key === page.route),
          of(page.route),
          range,
          percentile,
        );
      expect(result.byDevice.map((r) => r.key)).toEqual(['mobile', 'desktop']);
      for (const d of DEVICES)
        expectRow(
          result.byDevice.find((r) => r.key === d.device),
          onDevice(d.device),
          range,
          percentile,
        );
    }
  }

  it('gives each vital its percentile within 1%, its count, rating and shares, and the day before', async () => {
    await expectAll();
    const p75 = await getWebVitals(db, projectId, {}, range, { compare: true });
    expect(p75.percentile).toBe('p75');
    // The slower second day shows against the first.
    for (const v of p75.vitals) if (v.vital !== 'CLS') expect(v.value!).toBeGreaterThan(v.previous!.value!);
    expect(p75.routes).toEqual(['/', '/products/[id]', '/search']);
    expect(p75.devices).toEqual(['desktop', 'mobile']);
    expect(p75.score).toBeGreaterThan(0);
    expect(p75.score).toBeLessThan(100);
    // Higher percentiles are never lower.
    const p99 = await getWebVitals(db, projectId, {}, range, { percentile: 'p99' });
    p99.vitals.forEach((v, i) => expect(v.value!).toBeGreaterThanOrEqual(p75.vitals[i]!.value!));
    expect(p99.previousRange).toBeNull();
    expect(p99.vitals.every((v) => v.previous === null)).toBe(true);
  });

  it('counts every value into histogram bins exactly, zero CLS in a bin of its own', async () => {
    const result = await getWebVitals(db, projectId, {}, range);
    for (const vital of VITALS) {
      const sorted = values(loads, vital, range);
      const bins = result.histograms[vital];
      expect(bins.length).toBeGreaterThan(5);
      expect(bins.length).toBeLessThanOrEqual(31);
      expect(bins.reduce((n, b) => n + b.count, 0)).toBe(sorted.length);
      for (const b of bins) {
        if (b.to === 0) expect(b.count).toBe(sorted.filter((v) => v === 0).length);
        else expect(b.count).toBe(sorted.filter((v) => v > b.from && v <= b.to).length);
      }
    }
    expect(result.histograms.CLS[0]).toEqual({
      from: 0,
      to: 0,
      count: values(loads, 'CLS', range).filter((v) => v === 0).length,
    });
  });

  it('gives the percentile of each 5-minute step over a day, and 1-minute steps over an hour', async () => {
    const result = await getWebVitals(db, projectId, {}, range, { percentile: 'p90' });
    expect(result.step).toBe(5 * 60_000);
    expect(result.points).toHaveLength(288);
    expect(result.points[0]!.t).toBe(range.from);
    for (const p of result.points.filter((_, i) => i % 7 === 0)) {
      for (const vital of VITALS)
        expectWithin1(p[vital], truth(loads, vital, { from: p.t, to: p.t + result.step }, 'p90')!);
    }
    expect(result.points.every((p) => p.previous === null)).toBe(true);
    // Comparing: each step also has the same step of the day before, for the previous-period line.
    const compared = await getWebVitals(db, projectId, {}, range, { percentile: 'p90', compare: true });
    for (const p of compared.points.filter((_, i) => i % 11 === 0)) {
      const before = { from: p.t - DAY_MS, to: p.t - DAY_MS + compared.step };
      for (const vital of VITALS) expectWithin1(p.previous![vital], truth(loads, vital, before, 'p90')!);
    }
    const hour = { from: range.to - HOUR_MS / 2, to: range.to + HOUR_MS / 2 };
    const short = await getWebVitals(db, projectId, {}, hour);
    expect(short.step).toBe(60_000);
    expect(short.points).toHaveLength(60);
    // The half hour after the data has no values: null, not 0.
    expect(short.points.slice(30).every((p) => VITALS.every((v) => p[v] === null))).toBe(true);
    expectWithin1(short.points[0]!.LCP, truth(loads, 'LCP', { from: hour.from, to: hour.from + 60_000 }, 'p75')!);
  });

  it('filters by page route and device, and still offers every route and device', async () => {
    const search = await getWebVitals(db, projectId, { route: '/search' }, range, { compare: true });
    expectSummary(search, of('/search'), range, 'p75');
    expect(search.byRoute.map((r) => r.key)).toEqual(['/search']);
    expect(search.routes).toEqual(['/', '/products/[id]', '/search']);
    for (const v of search.vitals) expectWithin1(v.previous!.value, truth(of('/search'), v.vital, previous, 'p75')!);
    const mobile = await getWebVitals(db, projectId, { device: 'mobile' }, range, { percentile: 'p95' });
    expectSummary(mobile, onDevice('mobile'), range, 'p95');
    expect(mobile.byDevice.map((r) => r.key)).toEqual(['mobile']);
    expect(mobile.devices).toEqual(['desktop', 'mobile']);
    const both = await getWebVitals(db, projectId, { route: '/', device: 'desktop' }, range);
    expectSummary(
      both,
      of('/').filter((l) => l.device === 'desktop'),
      range,
      'p75',
    );
    const none = await getWebVitals(db, projectId, { route: '/nowhere' }, range);
    expect(none.vitals.every((v) => v.count === 0 && v.value === null && v.rating === null && v.shares === null)).toBe(
      true,
    );
    expect(none.byRoute).toEqual([]);
    expect(none.worstPages).toEqual([]);
    expect(none.score).toBeNull();
    expect(none.points.every((p) => VITALS.every((v) => p[v] === null))).toBe(true);
  });

  it('lists the worst pages with the most frequent element, resource and INP target with phase medians', async () => {
    const result = await getWebVitals(db, projectId, {}, range);
    const worst = result.worstPages;
    expect(worst[0]!.key).toBe('/search');
    // Only pages with a vital not rated good at this percentile.
    for (const page of worst)
      expect(VITALS.some((v) => page.vitals[v].rating !== 'good' && page.vitals[v].rating !== null)).toBe(true);
    expect(worst[0]!.vitals).toEqual(result.byRoute[0]!.vitals);
    const byVital = Object.fromEntries(worst[0]!.attribution.map((a) => [a.vital, a]));
    expect(Object.keys(byVital)).toEqual(['LCP', 'INP', 'CLS']);
    // 30 + 8 img.hero and 12 h1.title on mobile, 4 video.promo on desktop; none from the day before or the other project.
    expect(byVital.LCP).toEqual({
      vital: 'LCP',
      samples: 54,
      target: { value: 'img.hero', count: 38 },
      url: { value: 'https://cdn.example/hero.jpg', count: 30 },
      interaction: null,
      phases: null,
    });
    // Phases of button#filter's 21 samples: medians of n, 10n and 100 + n for n = 0..20.
    expect(byVital.INP).toEqual({
      vital: 'INP',
      samples: 26,
      target: { value: 'button#filter', count: 21 },
      url: null,
      interaction: 'pointer',
      phases: { inputDelay: 10, processing: 100, presentation: 110 },
    });
    expect(byVital.CLS).toMatchObject({ samples: 9, target: { value: 'div.ads', count: 9 }, url: null, phases: null });
    // Other pages have no attribution stored.
    for (const page of worst.slice(1)) expect(page.attribution).toEqual([]);

    const desktop = await getWebVitals(db, projectId, { device: 'desktop' }, range);
    const search = desktop.worstPages.find((p) => p.key === '/search')!;
    expect(search.attribution).toEqual([
      {
        vital: 'LCP',
        samples: 4,
        target: { value: 'video.promo', count: 4 },
        url: { value: 'https://cdn.example/promo.mp4', count: 4 },
        interaction: null,
        phases: null,
      },
    ]);
    const before = await getWebVitals(db, projectId, { route: '/search' }, previous);
    expect(before.worstPages[0]!.attribution).toEqual([
      expect.objectContaining({ vital: 'LCP', samples: 100, target: { value: 'img.old', count: 100 } }),
    ]);
  });

  it('answers the same from hour and day rows after compaction', async () => {
    await compact(db, parseDatabaseUrl(database.url).provider, {
      now: T0 + 2 * DAY_MS + LATENESS_MS + HOUR_MS,
      budgetMs: 60_000,
    });
    expect(await db.rollup.count({ where: { resolution: 86400 } })).toBeGreaterThan(0);
    await expectAll();
  });

  it('shows another project only its own pages, and nothing outside the data', async () => {
    const other = await getWebVitals(db, otherProjectId, {}, previous);
    expect(other.byRoute.map((r) => r.key)).toEqual(['/elsewhere']);
    expect(other.worstPages.every((p) => p.attribution.length === 0)).toBe(true);
    const empty = await getWebVitals(db, projectId, {}, { from: T0 - DAY_MS, to: T0 });
    expect(empty.vitals.every((v) => v.count === 0 && v.value === null)).toBe(true);
    expect(empty.byRoute).toEqual([]);
    expect(empty.byDevice).toEqual([]);
    expect(empty.histograms.LCP).toEqual([]);
  });
});
