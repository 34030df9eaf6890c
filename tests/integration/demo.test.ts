/**
 * Demo data through the ingestion path on every database provider, read back through the
 * query layer: the slow routes are the slowest by p95, the incident's window holds the errors,
 * vitals exist per page and device, traffic follows the day, and a seed fixes the data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import { DEMO_METRICS, DEMO_PAGES, SLOW_ROUTES } from '@/lib/demo/catalog';
import { DEMO_RAW_HOURS, loadDemo, type DemoSummary } from '@/lib/demo/load';
import { TOTAL_DIMS } from '@/lib/rollup';
import { RED_METRICS } from '@/lib/metrics';
import { DEVICES, rateVital, WEB_VITALS } from '@/lib/metrics';
import { getStats } from '@/lib/queries/stats';
import { getTimeseries } from '@/lib/queries/timeseries';
import { getTop } from '@/lib/queries/top';
import { rejection } from '../helpers/errors';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const HOUR = 3_600_000;
// A fixed end (a Tuesday, 09:00 UTC) makes every run and both loads below the same data.
const NOW = Date.UTC(2026, 10, 24, 9, 0);

describe.each(databaseProviders())('demo data on %s', (_name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  let demo: DemoSummary;
  let range: { from: number; to: number };

  beforeAll(async () => {
    database = fresh();
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
    demo = await loadDemo(db, { days: 1, now: NOW, actor: 'test' });
    range = { from: demo.from, to: demo.to };
  }, 120_000);
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('creates the demo project and reports what it wrote', async () => {
    expect(demo.project.slug).toBe('demo');
    expect(demo.to - demo.from).toBe(24 * HOUR);
    const stored = await getStats(db, demo.project.id, RED_METRICS.requests, {}, range);
    expect(stored.sum).toBe(demo.requests);
    // Raw points for the points that stand for one value; a busy minute's weighted points have none.
    expect(await db.point.count()).toBe(demo.rawPoints);
    expect(demo.rawPoints).toBeLessThan(demo.points);
    // Tens of requests a second at the busiest hour.
    const busiest = await getTimeseries(db, demo.project.id, RED_METRICS.requests, {}, range, { points: 24 });
    expect(Math.max(...busiest.points.map((p) => p.sum)) / 3_600).toBeGreaterThan(10);
    // Its own series; the metrics' total series are written with the history too.
    expect(demo.series).toBe(
      await db.series.count({ where: { projectId: demo.project.id, NOT: { dims: TOTAL_DIMS } } }),
    );
  });

  it('keeps the slowest and failed requests of its raw hours whole, with raw paths and instances', async () => {
    const samples = await db.requestSample.findMany({ where: { projectId: demo.project.id } });
    expect(samples.length).toBeGreaterThan(100);
    // Within the raw hours only (all of them here: one day), and never more than 16 per route and minute.
    expect(Math.min(...samples.map((s) => Number(s.ts)))).toBeGreaterThanOrEqual(demo.to - DEMO_RAW_HOURS * HOUR);
    const perMinute = new Map<string, number>();
    for (const s of samples) {
      const key = `${s.service} ${s.method} ${s.route} ${Math.floor(Number(s.ts) / 60_000)}`;
      perMinute.set(key, (perMinute.get(key) ?? 0) + 1);
    }
    expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(16);
    // Raw paths for templated routes, and the serving instance.
    const product = samples.find((s) => s.route === '/api/products/[id]');
    expect(product?.path).toMatch(/^\/api\/products\/\d+$/);
    expect(samples.every((s) => /^(shop-api|shop-web|payments)-[123]$/.test(s.instance ?? ''))).toBe(true);
    // The incident's failures are there to open, with their exact statuses.
    const failed = samples.filter(
      (s) => s.status >= 500 && Number(s.ts) >= demo.incident.from && Number(s.ts) < demo.incident.to,
    );
    expect(new Set(failed.map((s) => s.status))).toEqual(new Set([500, 503, 504]));
  });

  it('leaves the incident in the alert history: default rules fire during it and resolve after, then run live', async () => {
    const rules = await db.alertRule.findMany({ where: { projectId: demo.project.id } });
    expect(rules.length).toBeGreaterThanOrEqual(5);
    expect(rules.every((r) => r.enabled)).toBe(true);
    const events = await db.alertEvent.findMany({ where: { projectId: demo.project.id }, orderBy: { at: 'asc' } });
    const fired = events.filter((e) => e.kind === 'firing');
    const byName = new Map(rules.map((r) => [r.id, r.name]));
    const firedRules = new Set(fired.map((e) => byName.get(e.ruleId)));
    expect(firedRules).toContain('Error rate above 5%');
    expect(firedRules).toContain('Availability below 99%');
    // Every firing falls in the incident (or the alert's 5-minute window reaching into it), and each
    // rule that fired has resolved by the end of the data.
    for (const e of fired) {
      expect(e.at.getTime()).toBeGreaterThan(demo.incident.from);
      expect(e.at.getTime()).toBeLessThanOrEqual(demo.incident.to + 5 * 60_000);
    }
    for (const id of new Set(fired.map((e) => e.ruleId))) {
      expect(events.filter((e) => e.ruleId === id).at(-1)!.kind).toBe('resolved');
    }
    // Nothing was sent about the past: the demo has no channels.
    expect(await db.alertNotification.count({ where: { projectId: demo.project.id } })).toBe(0);
  });

  it('makes the slow routes the slowest by p95', async () => {
    const top = await getTop(db, demo.project.id, RED_METRICS.duration, {}, range, {
      by: 'route',
      order: 'p95',
      limit: 20,
    });
    expect(top.length).toBeGreaterThanOrEqual(15);
    expect(top.slice(0, 3).map((r) => r.value)).toEqual([...SLOW_ROUTES]);
    expect(top[3]!.p95!).toBeLessThan(top[2]!.p95! * 0.8);
  });

  it('gives the optimizer its findings: the slow routes, the export’s large responses, the database-bound search, /search’s LCP', async () => {
    const { findForProject } = await import('@/lib/optimizer/run');
    const { findings } = await findForProject(db, demo.project, demo.to);
    const targets = (detector: string) => findings.filter((f) => f.detector === detector).map((f) => f.target.name);
    for (const route of SLOW_ROUTES)
      expect(
        targets('slow-route').some((t) => t.endsWith(` ${route}`)),
        route,
      ).toBe(true);
    // The fast routes are not slow.
    expect(targets('slow-route').some((t) => t.endsWith(' /api/health'))).toBe(false);
    expect(targets('large-response')).toContain('shop-api GET /api/reports/export');
    expect(targets('db-bound')).toContain('shop-api GET /api/search');
    expect(targets('db-bound').some((t) => t.startsWith('payments '))).toBe(false);
    expect(targets('web-vital')).toContain('/search LCP');
    expect(targets('web-vital')).not.toContain('/ LCP');
    for (const f of findings) {
      expect(f.evidence.href).toMatch(/^\/(endpoints\/route|web-vitals|)\?/);
      expect(f.impact.summary.length).toBeGreaterThan(0);
    }
  });

  it('puts 5xx errors and a latency spike in the incident window', async () => {
    const inside = { from: demo.incident.from, to: demo.incident.to };
    const errorsIn = await getStats(db, demo.project.id, RED_METRICS.errors, {}, inside);
    const requestsIn = await getStats(db, demo.project.id, RED_METRICS.requests, {}, inside);
    const errorsAll = await getStats(db, demo.project.id, RED_METRICS.errors, {}, range);
    const requestsAll = await getStats(db, demo.project.id, RED_METRICS.requests, {}, range);
    const rateIn = errorsIn.sum / requestsIn.sum;
    const rateOut = (errorsAll.sum - errorsIn.sum) / (requestsAll.sum - requestsIn.sum);
    expect(errorsIn.sum).toBeGreaterThan(5);
    expect(rateIn).toBeGreaterThan(0.05);
    expect(rateOut).toBeLessThan(0.01);

    const products = { route: '/api/products' };
    const p95In = (await getStats(db, demo.project.id, RED_METRICS.duration, products, inside)).p95!;
    const hourBefore = { from: inside.from - 2 * HOUR, to: inside.from - HOUR };
    const p95Before = (await getStats(db, demo.project.id, RED_METRICS.duration, products, hourBefore)).p95!;
    expect(p95In).toBeGreaterThan(p95Before * 2);
  });

  it('writes every vital for every page and device, /search poor on mobile', async () => {
    for (const { metric } of Object.values(WEB_VITALS)) {
      const top = await getTop(db, demo.project.id, metric, {}, range, { by: 'device', order: 'count', limit: 5 });
      expect(top.map((t) => t.value).sort()).toEqual([...DEVICES].sort());
      const pages = await getTop(db, demo.project.id, metric, {}, range, { by: 'route', order: 'count', limit: 20 });
      expect(pages.map((p) => p.value).sort()).toEqual(DEMO_PAGES.map((p) => p.route).sort());
    }
    const lcp = async (route: string, device: string) =>
      (await getStats(db, demo.project.id, WEB_VITALS.LCP.metric, { route, device }, range)).p75!;
    expect(rateVital('LCP', await lcp('/search', 'mobile'))).toBe('poor');
    expect(rateVital('LCP', await lcp('/', 'desktop'))).toBe('good');
  });

  it('writes infrastructure gauges every minute and business metrics', async () => {
    const cpu = await getStats(db, demo.project.id, DEMO_METRICS.cpu.name, { host: 'api-1' }, range);
    expect(cpu.count).toBe(24 * 60);
    // OpenTelemetry's ratios in `1` (0-1), the shop's own rates in `%` (0-100).
    expect(cpu.max!).toBeLessThanOrEqual(1);
    expect(cpu.min!).toBeGreaterThanOrEqual(0.01);
    const units = await db.series.findMany({
      where: { projectId: demo.project.id, name: { in: Object.values(DEMO_METRICS).map((m) => m.name) } },
      select: { name: true, unit: true },
    });
    for (const m of Object.values(DEMO_METRICS)) {
      expect(new Set(units.filter((u) => u.name === m.name).map((u) => u.unit)), m.name).toEqual(new Set([m.unit]));
    }
    expect(DEMO_METRICS.cacheHitRate.unit).toBe('1');
    expect(DEMO_METRICS.conversionRate.unit).toBe('%');
    const pool = await getStats(db, demo.project.id, DEMO_METRICS.dbConnections.name, {}, demo.incident);
    expect(pool.min!).toBeGreaterThanOrEqual(90);
    for (const key of [
      'queueLength',
      'cacheHitRate',
      'cdnHitRate',
      'memory',
      'conversionRate',
      'bounceRate',
    ] as const) {
      expect((await getStats(db, demo.project.id, DEMO_METRICS[key].name, {}, range)).count).toBeGreaterThan(0);
    }
    const revenue = await getStats(db, demo.project.id, DEMO_METRICS.revenue.name, {}, range);
    expect(revenue.sum).toBeGreaterThan(1_000);
  });

  it('follows the day: the busiest hour has several times the requests of the quietest', async () => {
    const { points } = await getTimeseries(db, demo.project.id, RED_METRICS.requests, {}, range, { points: 24 });
    const hourly = points.map((p) => p.sum).filter((n) => n > 0);
    expect(hourly).toHaveLength(24);
    expect(Math.max(...hourly)).toBeGreaterThan(4 * Math.min(...hourly));
  });

  it('writes the same data again for the same seed and end', async () => {
    const again = await loadDemo(db, { days: 1, now: NOW, actor: 'test', slug: 'demo-again' });
    expect({ requests: again.requests, points: again.points, series: again.series }).toEqual({
      requests: demo.requests,
      points: demo.points,
      series: demo.series,
    });
    for (const metric of [RED_METRICS.duration, WEB_VITALS.INP.metric, DEMO_METRICS.revenue.name]) {
      const a = await getStats(db, demo.project.id, metric, {}, range);
      const b = await getStats(db, again.project.id, metric, {}, range);
      expect(b).toEqual(a);
    }
  }, 120_000);

  it('refuses a project that already has data, writing nothing, unless told to replace it', async () => {
    const before = await db.point.count();
    const refused = await rejection(loadDemo(db, { days: 1, now: NOW, actor: 'test' }));
    expect(refused).toMatchObject({ status: 409 });
    expect(refused.message).toMatch(/project "demo" already has data/);
    expect(await db.point.count()).toBe(before);
    for (const days of [0, -1, 1.5, 31, 1e9, Number.NaN]) {
      expect((await rejection(loadDemo(db, { days, actor: 'test', slug: 'never' }))).status).toBe(422);
    }
    expect(await db.project.count({ where: { slug: 'never' } })).toBe(0);

    const replaced = await loadDemo(db, { days: 1, now: NOW, actor: 'test', replace: true, seed: 2 });
    expect(replaced.project.id).not.toBe(demo.project.id);
    expect(await db.series.count({ where: { projectId: demo.project.id } })).toBe(0);
    expect(await db.point.count()).toBe(before - demo.rawPoints + replaced.rawPoints);
  }, 120_000);
});
