/**
 * The optimizer's detectors (lib/optimizer/detectors.ts) on numbers made to sit just over and
 * just under each threshold: every detector fires on its case and stays quiet on the near miss,
 * ranks by its documented rule, computes its impact from the numbers given, links its evidence,
 * and gives advice that follows the cause (Web Vitals attribution). Overridden thresholds move the
 * line.
 */
import { describe, expect, it } from 'vitest';
import { goalsWith } from '@/lib/goals/definitions';
import { detect, type DetectionInput, type Finding } from '@/lib/optimizer/detectors';
import { DEFAULT_THRESHOLDS, resolveThresholds, thresholdsBody } from '@/lib/optimizer/thresholds';
import type { RouteProfile } from '@/lib/queries/route-profiles';
import type { VitalBreakdownRow, WorstPage } from '@/lib/queries/web-vitals/types';

const DAY = 86_400_000;
const range = { from: Date.UTC(2026, 11, 6), to: Date.UTC(2026, 11, 7) };

function route(name: string, extra: Partial<RouteProfile> = {}): RouteProfile {
  return {
    service: 'shop',
    method: 'GET',
    route: name,
    requests: 1_000,
    errors: 0,
    p50: 50,
    p95: 200,
    p99: 300,
    timeMs: 80_000,
    excessMs: 0,
    overBudget: 0,
    db: null,
    queries: null,
    queriesDbCorrelation: null,
    cache: null,
    responseBytes: null,
    ...extra,
  };
}

function input(extra: Partial<DetectionInput> = {}): DetectionInput {
  return {
    project: 'shop',
    range,
    goals: goalsWith(),
    thresholds: DEFAULT_THRESHOLDS,
    routes: [],
    pages: [],
    worstPages: [],
    cpu: [],
    ...extra,
  };
}

const of = (findings: Finding[], detector: Finding['detector']) => findings.filter((f) => f.detector === detector);
const names = (findings: Finding[]) => findings.map((f) => f.target.name).sort();

describe('route detectors', () => {
  it('slow routes: p95 over the p95 goal, with the user time lost a day as impact and severity', () => {
    const found = detect(
      input({
        routes: [
          route('/slow', { p95: 1_800, excessMs: 3 * 3_600_000 }),
          route('/at-goal', { p95: 500 }),
          route('/few', { p95: 5_000, requests: 99 }),
          route('/over', { p95: 600, excessMs: 60_000 }),
        ],
      }),
    );
    const slow = of(found, 'slow-route');
    expect(names(slow)).toEqual(['shop GET /over', 'shop GET /slow']);
    const s = slow.find((f) => f.target.name.endsWith('/slow'))!;
    // Past the critical level (1 s) and over an hour lost a day: critical.
    expect(s.priority).toBe('critical');
    expect(s.impact).toMatchObject({ metric: 'userTimeLostMsPerDay', now: 3 * 3_600_000, predicted: 0 });
    expect(s.impact.summary).toBe('p95 1.8 s → 500 ms goal saves 3.0 user-hours a day');
    expect(s.severity).toBe(3 * 3_600_000);
    expect(s.evidence.numbers).toMatchObject({ goalMs: 500, p95Ms: 1_800, requests: 1_000 });
    const href = new URL(s.evidence.href, 'http://x');
    expect(href.pathname).toBe('/endpoints/route');
    expect(Object.fromEntries(href.searchParams)).toMatchObject({ service: 'shop', method: 'GET', route: '/slow' });
    expect(slow.find((f) => f.target.name.endsWith('/over'))!.priority).toBe('medium');
  });

  it('scales per-day numbers to the window', () => {
    const twoDays = { from: range.from - DAY, to: range.to };
    const [s] = of(
      detect(input({ range: twoDays, routes: [route('/slow', { p95: 900, excessMs: 7_200_000 })] })),
      'slow-route',
    );
    expect(s!.impact.now).toBe(3_600_000);
  });

  it('error-prone routes: 5xx share at the threshold and above, priority by multiples of it', () => {
    const found = of(
      detect(
        input({
          routes: [
            route('/one-percent', { errors: 10 }),
            route('/just-under', { errors: 9 }),
            route('/five', { errors: 50 }),
            route('/ten', { errors: 100 }),
          ],
        }),
      ),
      'error-prone',
    );
    expect(names(found)).toEqual(['shop GET /five', 'shop GET /one-percent', 'shop GET /ten']);
    const by = (r: string) => found.find((f) => f.target.name.endsWith(r))!;
    expect([by('/one-percent').priority, by('/five').priority, by('/ten').priority]).toEqual([
      'medium',
      'high',
      'critical',
    ]);
    expect(by('/ten').category).toBe('reliability');
    expect(by('/ten').impact).toMatchObject({ metric: 'failedRequestsPerDay', now: 100 });
  });

  it('database-bound routes and N+1 suspects', () => {
    const found = detect(
      input({
        routes: [
          route('/bound', { timeMs: 100_000, db: { requests: 1_000, timeMs: 50_000 } }),
          route('/not-bound', { timeMs: 100_000, db: { requests: 1_000, timeMs: 49_000 } }),
          route('/n1', {
            timeMs: 200_000,
            db: { requests: 1_000, timeMs: 60_000 },
            queries: { requests: 1_000, total: 12_000 },
            queriesDbCorrelation: 0.9,
          }),
          route('/n1-few-queries', {
            timeMs: 200_000,
            db: { requests: 1_000, timeMs: 60_000 },
            queries: { requests: 1_000, total: 4_900 },
          }),
          route('/n1-fast', {
            timeMs: 200_000,
            db: { requests: 1_000, timeMs: 49_000 },
            queries: { requests: 1_000, total: 20_000 },
          }),
          route('/n1-flat', {
            timeMs: 200_000,
            db: { requests: 1_000, timeMs: 60_000 },
            queries: { requests: 1_000, total: 6_000 },
            queriesDbCorrelation: 0.1,
          }),
        ],
      }),
    );
    expect(names(of(found, 'db-bound'))).toEqual(['shop GET /bound']);
    expect(of(found, 'db-bound')[0]!.impact).toMatchObject({ now: 50_000, predicted: 25_000 });
    const n1 = of(found, 'n-plus-one');
    expect(names(n1)).toEqual(['shop GET /n1', 'shop GET /n1-flat']);
    const grows = n1.find((f) => f.target.name.endsWith('/n1'))!;
    // DB time grows with the queries hour by hour: high; batching 12 queries into one saves 11/12.
    expect(grows.priority).toBe('high');
    expect(grows.impact).toMatchObject({ now: 60_000, predicted: 5_000 });
    expect(n1.find((f) => f.target.name.endsWith('/n1-flat'))!.priority).toBe('medium');
  });

  it('cache hit rate per route: below 50% medium, below 30% high, judged with enough lookups', () => {
    const found = of(
      detect(
        input({
          routes: [
            route('/half', { cache: { hits: 50, misses: 50 } }),
            route('/low', { cache: { hits: 49, misses: 51 } }),
            route('/very-low', { cache: { hits: 29, misses: 71 } }),
            route('/few', { cache: { hits: 0, misses: 99 } }),
          ],
        }),
      ),
      'cache-hit-rate',
    );
    expect(names(found)).toEqual(['shop GET /low', 'shop GET /very-low']);
    const low = found.find((f) => f.target.name.endsWith('/low'))!;
    expect(low.priority).toBe('medium');
    expect(found.find((f) => f.target.name.endsWith('/very-low'))!.priority).toBe('high');
    // At 80% of 100 lookups, 31 of today's 51 misses would be hits.
    expect(low.impact).toMatchObject({ metric: 'missesPerDay', now: 51 });
    expect(low.impact.now - low.impact.predicted).toBeCloseTo(31, 6);
  });

  it('large responses: a mean of 300 KB or more', () => {
    const found = of(
      detect(
        input({
          routes: [
            route('/big', { responseBytes: { requests: 1_000, total: 300_000_000 } }),
            route('/almost', { responseBytes: { requests: 1_000, total: 299_999_000 } }),
            route('/huge', { responseBytes: { requests: 1_000, total: 1_200_000_000 } }),
          ],
        }),
      ),
      'large-response',
    );
    expect(names(found)).toEqual(['shop GET /big', 'shop GET /huge']);
    expect(found.find((f) => f.target.name.endsWith('/huge'))!.priority).toBe('high');
    expect(found.find((f) => f.target.name.endsWith('/huge'))!.impact).toMatchObject({
      now: 1_200_000_000,
      predicted: 300_000_000,
    });
  });

  it('thresholds a project overrides move the line', () => {
    const routes = [route('/err', { errors: 5 }), route('/few', { requests: 50, errors: 25 })];
    expect(of(detect(input({ routes })), 'error-prone')).toEqual([]);
    const t = { ...DEFAULT_THRESHOLDS, errorRate: 0.005, minRequests: 50 };
    expect(names(of(detect(input({ routes, thresholds: t })), 'error-prone'))).toEqual([
      'shop GET /err',
      'shop GET /few',
    ]);
  });
});

function page(key: string, vitals: Partial<Record<'LCP' | 'INP' | 'CLS', [number, string]>>): VitalBreakdownRow {
  const v = (x?: [number, string]) =>
    x ? { count: 500, value: x[0], rating: x[1] as 'good' } : { count: 0, value: null, rating: null };
  return {
    key,
    samples: 500,
    score: 50,
    vitals: { LCP: v(vitals.LCP), INP: v(vitals.INP), CLS: v(vitals.CLS), FCP: v(), TTFB: v() },
  };
}

function worst(key: string, attribution: WorstPage['attribution']): WorstPage {
  return { ...page(key, {}), attribution };
}

describe('Web Vitals pages', () => {
  it('flags poor and needs-improvement vitals per page, with advice from the attribution', () => {
    const pages = [
      page('/product/[id]', { LCP: [4_200, 'poor'], INP: [350, 'needs-improvement'], CLS: [0.05, 'good'] }),
      page('/cart', { INP: [600, 'poor'], CLS: [0.3, 'poor'] }),
      page('/quiet', { LCP: [5_000, 'poor'] }),
    ];
    pages[2]!.samples = 10;
    const found = of(
      detect(
        input({
          pages,
          worstPages: [
            worst('/product/[id]', [
              {
                vital: 'LCP',
                samples: 300,
                target: { value: 'img.hero', count: 250 },
                url: { value: 'https://cdn.shop/hero.jpg', count: 240 },
                interaction: null,
                phases: null,
              },
              {
                vital: 'INP',
                samples: 100,
                target: { value: 'button#add', count: 80 },
                url: null,
                interaction: 'pointer',
                phases: { inputDelay: 20, processing: 240, presentation: 40 },
              },
            ]),
            worst('/cart', [
              {
                vital: 'INP',
                samples: 100,
                target: { value: 'input#qty', count: 80 },
                url: null,
                interaction: 'keyboard',
                phases: { inputDelay: 400, processing: 60, presentation: 30 },
              },
              {
                vital: 'CLS',
                samples: 100,
                target: { value: 'div.banner', count: 90 },
                url: null,
                interaction: null,
                phases: null,
              },
            ]),
          ],
        }),
      ),
      'web-vital',
    );
    expect(names(found)).toEqual(['/cart CLS', '/cart INP', '/product/[id] INP', '/product/[id] LCP']);
    const by = (n: string) => found.find((f) => f.target.name === n)!;
    expect(by('/product/[id] LCP').priority).toBe('high');
    expect(by('/product/[id] LCP').steps[0]).toContain('Preload https://cdn.shop/hero.jpg');
    expect(by('/product/[id] LCP').impact).toMatchObject({ metric: 'p75LCP', now: 4_200, predicted: 2_500 });
    expect(by('/product/[id] INP').priority).toBe('medium');
    expect(by('/product/[id] INP').evidence.numbers.cause).toMatch(/^processing dominates/);
    expect(by('/product/[id] INP').steps[0]).toContain("button#add's event handlers");
    expect(by('/cart INP').evidence.numbers.cause).toMatch(/^input delay dominates/);
    expect(by('/cart INP').steps[0]).toMatch(/long tasks/);
    expect(by('/cart CLS').steps[0]).toContain('Reserve space for div.banner');
    const href = new URL(by('/cart CLS').evidence.href, 'http://x');
    expect(href.pathname).toBe('/web-vitals');
    expect(href.searchParams.get('route')).toBe('/cart');
  });
});

describe('sustained CPU', () => {
  it('fires when at least half the hours are over the CPU goal, per host', () => {
    const goals = goalsWith();
    const over = goals.cpu.target + 5;
    const under = goals.cpu.target - 5;
    const found = of(
      detect(
        input({
          cpu: [
            { name: 'web-1', hourly: [over, over, under, under, null] },
            { name: 'web-2', hourly: [over, under, under, under] },
          ],
        }),
      ),
      'cpu-sustained',
    );
    expect(names(found)).toEqual(['web-1']);
    expect(found[0]!.target.kind).toBe('host');
    expect(found[0]!.evidence.numbers).toMatchObject({ hoursOver: 2, hours: 4, meanPct: goals.cpu.target });
  });
});

describe('thresholds', () => {
  it('take a project’s overrides, refuse values out of range or inconsistent, and fall back on bad stored ones', () => {
    expect(thresholdsBody.parse({ errorRate: 0.02, minRequests: null })).toEqual({
      errorRate: 0.02,
      minRequests: null,
    });
    const problems = (body: unknown) =>
      thresholdsBody.safeParse(body).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(problems({ errorRate: 2 })).toEqual(['errorRate: errorRate must be from 0.0001 to 1']);
    expect(problems({ minRequests: 1.5 })).toEqual([
      'minRequests: minRequests must be a whole number from 1 to 1000000000',
    ]);
    expect(problems({ errorRate: '0.1' })).toEqual(['errorRate: errorRate must be a JSON number, not a string']);
    expect(problems({ nope: 1 })[0]).toMatch(/unknown field "nope"/);
    expect(problems({ cacheHitRateHigh: 0.6 })).toEqual([
      'cacheHitRateHigh: cacheHitRateHigh must be at most cacheHitRate',
    ]);
    expect(problems({ cacheTarget: 0.4 })).toEqual(['cacheTarget: cacheTarget must be above cacheHitRate']);
    expect(problems(JSON.parse('{"__proto__": {"errorRate": 1}}'))[0]).toMatch(/unknown field/);
    const resolved = resolveThresholds({ errorRate: 0.05, minRequests: -3, windowHours: 'x', stray: 1 });
    expect(resolved.values).toEqual({ ...DEFAULT_THRESHOLDS, errorRate: 0.05 });
    expect(resolved.custom).toEqual(['errorRate']);
  });
});
