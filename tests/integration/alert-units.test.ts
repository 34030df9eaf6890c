/**
 * Ratios by their series' unit, on real databases: the default "Conversion rate below 1%" rule
 * fires on the demo's incident (the gauge falls to about 0.8 %) and not before it (about 2.6 %),
 * with the demo's series in `%` and with the same data sent in `1`; a rule's values are in its
 * threshold's unit; series that are no ratio, or mix `1` and `%`, are an evaluation error (and a
 * 422 in the preview); an update that makes the unit meaningless is refused naming the field;
 * the Observatory view shows ratios alike whichever unit each series has; and the migration
 * mends the default rule as it was shipped, and only that.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertEvaluator, ensureSeedRules } from '@/lib/alerts/evaluate';
import { parseAllowList } from '@/lib/outbound';
import { previewRule } from '@/lib/alerts/preview';
import { newRule } from '@/lib/alerts/rules';
import { createRule, getRule, updateRule } from '@/lib/alerts/store';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { preflight } from '@/lib/db/preflight';
import { openSchemaEngine, readMigrations } from '@/lib/db/schema-engine';
import { parseDatabaseUrl, type DbTarget } from '@/lib/db/url';
import { DEMO_METRICS } from '@/lib/demo/catalog';
import { loadDemo, type DemoSummary } from '@/lib/demo/load';
import { IngestWriter, type IngestPoint } from '@/lib/ingest/writer';
import { createProject } from '@/lib/projects/store';
import { getObservatory } from '@/lib/queries/observatory';
import { getStats } from '@/lib/queries/stats';
import { rejection } from '../helpers/errors';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const MINUTE = 60_000;
// A fixed end (a Tuesday, 09:00 UTC): the demo's incident is on Monday, 14:20-15:05 UTC.
const NOW = Date.UTC(2026, 10, 24, 9, 0);
const CONVERSION = DEMO_METRICS.conversionRate.name;

describe.each(databaseProviders())('ratio units on %s', (_name, fresh) => {
  let database: TestDatabase;
  let target: DbTarget;
  let db: Db;
  let writer: IngestWriter;
  let demo: DemoSummary;
  /** The demo's conversion-rate points again, divided by 100 and sent in `1`. */
  let fraction: string;
  let other: string;

  beforeAll(async () => {
    database = fresh();
    target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
    writer = new IngestWriter(db, target.provider);
    demo = await loadDemo(db, { days: 1, now: NOW, actor: 'test' });
    const [series] = await db.series.findMany({ where: { projectId: demo.project.id, name: CONVERSION } });
    const points = await db.point.findMany({ where: { seriesId: series!.id }, orderBy: { ts: 'asc' } });
    fraction = (await createProject(db, 'test', { name: 'Shop in fractions', slug: 'fractions' })).id;
    await writer.submit(
      fraction,
      points.map((p): IngestPoint => ({
        name: CONVERSION,
        kind: 'gauge',
        unit: '1',
        tags: {},
        ts: Number(p.ts),
        value: p.value / 100,
      })),
    );
    other = (await createProject(db, 'test', { name: 'Other', slug: 'other' })).id;
  }, 180_000);
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  const evaluator = () =>
    new AlertEvaluator(db, {
      intervalMs: 30_000,
      allow: parseAllowList(''),
      attempts: 1,
      baseDelayMs: 10,
      maxDelayMs: 10,
      pagerdutyUrl: 'http://127.0.0.1:9/v2/enqueue',
      externalUrl: 'https://observatory.example',
      smtp: { host: '127.0.0.1', port: 9, secure: false, user: undefined, password: undefined, from: 'a@b.example' },
    });

  /** Only the default conversion-rate rule of each project runs, from a clean history (the demo's own replay is dropped). */
  async function conversionRules() {
    const ids: Record<string, string> = {};
    for (const projectId of [demo.project.id, fraction]) {
      await ensureSeedRules(db, projectId);
      await db.alertEvent.deleteMany({ where: { projectId } });
      await db.alertRule.updateMany({
        where: { projectId },
        data: { state: 'inactive', pendingSince: null, firingSince: null, claimedTurn: 0n },
      });
      await db.alertRule.updateMany({ where: { projectId }, data: { enabled: false } });
      const rule = await db.alertRule.findFirstOrThrow({ where: { projectId, seedKey: 'conversion-rate' } });
      await db.alertRule.update({ where: { id: rule.id }, data: { enabled: true } });
      ids[projectId] = rule.id;
    }
    await db.alertRule.updateMany({ where: { projectId: other }, data: { enabled: false } });
    return ids;
  }

  it('the demo sends the conversion rate in % and its incident falls below 1 %', async () => {
    const [series] = await db.series.findMany({ where: { projectId: demo.project.id, name: CONVERSION } });
    expect(series!.unit).toBe('%');
    const incident = await getStats(db, demo.project.id, CONVERSION, {}, demo.incident);
    const before = await getStats(db, demo.project.id, CONVERSION, {}, { from: demo.from, to: demo.incident.from });
    expect(incident.avg!).toBeLessThan(1);
    expect(incident.min!).toBeGreaterThan(0.3);
    expect(before.min!).toBeGreaterThan(1);
    const inOne = await getStats(db, fraction, CONVERSION, {}, demo.incident);
    expect(inOne.avg!).toBeCloseTo(incident.avg! / 100, 9);
  });

  it('fires the default rule during the incident and not above 1 %, with series in % and in 1', async () => {
    const ids = await conversionRules();
    const seeded = await getRule(db, demo.project.id, ids[demo.project.id]!);
    expect(seeded).toMatchObject({ threshold: 1, thresholdUnit: '%', comparator: 'lt', statistic: 'avg' });
    const ev = evaluator();
    const states = new Map<string, string[]>([
      [demo.project.id, []],
      [fraction, []],
    ]);
    const { from, to } = demo.incident;
    // Every 30 s from an hour before the incident to 15 minutes after it.
    for (let at = from - 60 * MINUTE; at <= to + 15 * MINUTE; at += 30_000) {
      await ev.run(at);
      for (const [projectId, list] of states) {
        const rule = await getRule(db, projectId, ids[projectId]!);
        list.push(`${at >= from && at < to + 5 * MINUTE ? 'in' : 'out'}:${rule.state}`);
        if (at === from + 3 * MINUTE) {
          // Pending from the first window holding only the incident's first point (14:21), firing 2 minutes on.
          expect(rule.state, projectId).toBe('firing');
          // The value is in the threshold's unit (%), whichever unit the series has.
          expect(rule.lastValue!).toBeGreaterThan(0.3);
          expect(rule.lastValue!).toBeLessThan(1);
        }
        if (at === from - 5 * MINUTE) {
          expect(rule.state).toBe('inactive');
          expect(rule.lastValue!).toBeGreaterThan(1);
          expect(rule.lastValue!).toBeLessThan(5);
        }
      }
    }
    for (const [projectId, list] of states) {
      // Above 1 % (before the incident and once it is over) nothing is pending or firing.
      expect(
        list.filter((s) => s.startsWith('out:')).every((s) => s === 'out:inactive'),
        projectId,
      ).toBe(true);
      expect(list.at(-1)).toBe('out:inactive');
    }
    expect(states.get(fraction)).toEqual(states.get(demo.project.id));
    for (const projectId of [demo.project.id, fraction]) {
      const events = await db.alertEvent.findMany({ where: { ruleId: ids[projectId]! }, orderBy: { at: 'asc' } });
      expect(events[0]).toMatchObject({ kind: 'pending', at: new Date(from + MINUTE) });
      expect(events[1]).toMatchObject({ kind: 'firing', at: new Date(from + 3 * MINUTE) });
      expect(events[1]!.value).toBeCloseTo(0.89, 9);
      expect(events.at(-1)!.kind).toBe('resolved');
      expect(events.at(-1)!.value!).toBeGreaterThan(1);
    }
  });

  it('previews a rule in its threshold unit, on series in 1', async () => {
    const rule = newRule.parse({
      name: 'Conversion below 1%',
      metric: CONVERSION,
      statistic: 'avg',
      comparator: 'lt',
      threshold: 1,
      thresholdUnit: '%',
      forSec: 0,
      severity: 'medium',
    });
    const range = { from: demo.incident.from - 30 * MINUTE, to: demo.incident.from + 30 * MINUTE };
    const preview = await previewRule(db, fraction, rule, range, 5 * MINUTE);
    expect(preview.unit).toBe('%');
    expect(preview.firings[0]!.from).toBe(demo.incident.from + 5 * MINUTE);
    const first = preview.points.find((p) => p.at === demo.incident.from + 5 * MINUTE)!;
    // 14:20's point in the window [14:20, 14:25): 0.89 % (stored as 0.0089).
    expect(first).toMatchObject({ state: 'firing' });
    expect(first.value!).toBeCloseTo(0.89, 9);
    const earlier = preview.points.find((p) => p.at === demo.incident.from - 10 * MINUTE)!;
    expect(earlier).toMatchObject({ state: 'inactive' });
    expect(earlier.value!).toBeGreaterThan(1);
  });

  it('records an error, and the preview answers 422, for series that are no ratio or mix 1 and %', async () => {
    const ts = demo.incident.from;
    const point = (
      name: string,
      unit: string | null,
      value: number,
      tags: Record<string, string> = {},
    ): IngestPoint => ({
      name,
      kind: 'gauge',
      unit,
      tags,
      ts,
      value,
    });
    await writer.submit(other, [
      point('checkout.wait', 'ms', 40),
      point('signup.ratio', '1', 0.004, { region: 'eu' }),
      point('signup.ratio', '%', 0.4, { region: 'us' }),
    ]);
    const ratioRule = (metric: string, filters: Record<string, string> = {}) =>
      newRule.parse({
        name: `Ratio of ${metric}`,
        metric,
        filters,
        statistic: 'avg',
        comparator: 'lt',
        threshold: 1,
        thresholdUnit: '%',
        severity: 'low',
      });
    await ensureSeedRules(db, other);
    await db.alertRule.updateMany({ data: { enabled: false } });
    const wait = await createRule(db, 'test', other, ratioRule('checkout.wait'));
    const mixed = await createRule(db, 'test', other, ratioRule('signup.ratio'));
    const eu = await createRule(db, 'test', other, ratioRule('signup.ratio', { region: 'eu' }));
    const summary = await evaluator().run(ts + MINUTE);
    expect(summary.errors).toBe(2);
    expect((await getRule(db, other, wait.id)).lastError).toBe(
      'checkout.wait is reported in "ms", not as a ratio: a threshold in "%" cannot apply',
    );
    expect((await getRule(db, other, mixed.id)).lastError).toMatch(
      /^signup.ratio is reported in "(1|%)" and "(1|%)": filter the rule to one of them$/,
    );
    // Filtered to the series in `1`: 0.004 is 0.4 %, below 1 %.
    const inOne = await getRule(db, other, eu.id);
    expect(inOne).toMatchObject({ lastError: null, state: 'firing' });
    expect(inOne.lastValue).toBeCloseTo(0.4, 12);

    const refused = await rejection(
      previewRule(db, other, ratioRule('checkout.wait'), { from: ts, to: ts + MINUTE }, MINUTE),
    );
    expect(refused.status).toBe(422);
    expect(refused.message).toMatch(/^thresholdUnit: checkout.wait is reported in "ms"/);
  });

  it('refuses an update that leaves the threshold unit meaningless, naming the field, and changes nothing', async () => {
    const rule = await createRule(
      db,
      'test',
      other,
      newRule.parse({
        name: 'Bounce',
        metric: 'business.bounce_rate',
        statistic: 'avg',
        comparator: 'gt',
        threshold: 60,
        thresholdUnit: '%',
        severity: 'low',
      }),
    );
    for (const [update, message] of [
      [{ statistic: 'count' as const }, /^thresholdUnit: count is a count, not a ratio/],
      [{ metric: 'http.server.request.duration' }, /^thresholdUnit: http.server.request.duration is measured in ms/],
      [{ statistic: 'error_ratio' as const, threshold: 150 }, /^threshold: error_ratio lies between 0 and 100/],
    ] as const) {
      const err = await rejection(updateRule(db, 'test', other, rule.id, update));
      expect(err.status).toBe(422);
      expect(err.message).toMatch(message);
    }
    expect(await getRule(db, other, rule.id)).toMatchObject({ statistic: 'avg', metric: 'business.bounce_rate' });
    // Leaving the unit out of the threshold makes a count fine; the last value (in %) goes.
    await db.alertRule.update({ where: { id: rule.id }, data: { lastValue: 41 } });
    const plain = await updateRule(db, 'test', other, rule.id, { statistic: 'count', thresholdUnit: null });
    expect(plain).toMatchObject({ statistic: 'count', thresholdUnit: null, lastValue: null });
  });

  it('shows ratios alike in the Observatory view whichever unit each series has', async () => {
    const project = (await createProject(db, 'test', { name: 'Mixed', slug: 'mixed' })).id;
    const ts = NOW - 30 * MINUTE;
    const gauge = (name: string, unit: string | null, value: number, host: string): IngestPoint => ({
      name,
      kind: 'gauge',
      unit,
      tags: { host },
      ts,
      value,
    });
    await writer.submit(project, [
      gauge('system.cpu.utilization', '1', 0.4, 'a'),
      gauge('system.cpu.utilization', '%', 60, 'b'),
      // Sent without a unit: read as %, how the known ratios were always shown.
      gauge('cache.hit_ratio', null, 90, 'a'),
      gauge(CONVERSION, '1', 0.026, 'a'),
    ]);
    const o = await getObservatory(db, project, { from: NOW - 60 * MINUTE, to: NOW }, { now: NOW });
    expect(o.cpu).toMatchObject({ unit: '%' });
    expect(o.cpu!.value).toBeCloseTo(50, 9);
    expect(o.cpu!.latest).toBeCloseTo(50, 9);
    expect(o.infrastructure.find((m) => m.key === 'cacheHitRate')!.value).toBeCloseTo(90, 9);
    expect(o.business.find((m) => m.key === 'conversionRate')).toMatchObject({ unit: '%' });
    expect(o.business.find((m) => m.key === 'conversionRate')!.value).toBeCloseTo(2.6, 9);

    // The demo sends CPU in 1: the view reports it in %.
    const d = await getObservatory(db, demo.project.id, { from: demo.from, to: demo.to }, { now: NOW });
    const cpu = await getStats(db, demo.project.id, DEMO_METRICS.cpu.name, {}, { from: demo.from, to: demo.to });
    expect(cpu.max!).toBeLessThanOrEqual(1);
    expect(d.cpu!.value).toBeCloseTo(cpu.avg! * 100, 6);
    expect(d.cpu!.value!).toBeGreaterThan(1);
  });

  it('mends the default conversion rule as shipped when migrating, and leaves edited ones', async () => {
    const old = fresh();
    const oldTarget = parseDatabaseUrl(old.url);
    const cut = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-history-'));
    const all = readMigrations(oldTarget.provider);
    const index = all.migrationDirectories.findIndex((d) => d.path.endsWith('_alert_threshold_unit'));
    try {
      for (const d of all.migrationDirectories.slice(0, index)) {
        fs.cpSync(path.join(all.baseDir, d.path), path.join(cut, d.path), { recursive: true });
      }
      fs.cpSync(path.join(all.baseDir, 'migration_lock.toml'), path.join(cut, 'migration_lock.toml'));
      await preflight(oldTarget);
      const engine = await openSchemaEngine(oldTarget, { migrationsDir: cut });
      await engine.apply();
      await engine.close();
      const raw = createDb(oldTarget);
      try {
        for (const [id, threshold] of [
          ['p1', 0.01],
          ['p2', 0.02],
        ] as const) {
          await raw.$executeRawUnsafe(
            `INSERT INTO "Project" ("id", "slug", "name", "siteId", "updatedAt") VALUES ('${id}', '${id}', '${id}', '${id}', CURRENT_TIMESTAMP)`,
          );
          await raw.$executeRawUnsafe(
            `INSERT INTO "AlertRule" ("id", "projectId", "name", "metric", "statistic", "comparator", "threshold", "windowSec", "severity", "repeatSec", "seedKey", "updatedAt")
             VALUES ('r${id}', '${id}', 'Conversion rate below 1%', '${CONVERSION}', 'avg', 'lt', ${threshold}, 300, 'medium', 3600, 'conversion-rate', CURRENT_TIMESTAMP)`,
          );
        }
      } finally {
        await raw.$disconnect();
      }
      expect(index).toBeGreaterThan(0);
      expect(await migrate(oldTarget)).toEqual(all.migrationDirectories.slice(index).map((d) => d.path));
      const migrated = createDb(oldTarget);
      try {
        expect(await migrated.alertRule.findUniqueOrThrow({ where: { id: 'rp1' } })).toMatchObject({
          threshold: 1,
          thresholdUnit: '%',
        });
        expect(await migrated.alertRule.findUniqueOrThrow({ where: { id: 'rp2' } })).toMatchObject({
          threshold: 0.02,
          thresholdUnit: null,
        });
      } finally {
        await migrated.$disconnect();
      }
    } finally {
      fs.rmSync(cut, { recursive: true, force: true });
      await old.drop();
    }
  }, 120_000);
});
