/**
 * The annotations query route on one database provider (each provider's test file runs it in a
 * process of its own: the route handlers open the process's database from the configuration).
 *
 * Real alert history: request records with errors are ingested, the real evaluator runs minute
 * by minute over them and its rules fire and resolve (AlertEvent rows), a rule is turned off
 * while firing; then the route, signed in, must answer each rule's spans as the events have
 * them: clipped to the range, ongoing spans with `to` null, spans opened before the range found,
 * nothing of another project. Anonymous callers get 401, unknown projects 404, a key of another
 * project 403, and malformed, oversized and hostile parameters 422 naming the parameter.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Annotation, Annotations } from '@/lib/annotations/types';
import type { Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl } from '@/lib/db/url';
import type { RequestRecord } from '@/lib/ingest/schema';
import type { TestDatabase } from './services';

const ORIGIN = 'http://localhost:3000';
const ADMIN = { email: 'annotations@example.test', name: 'Ann Otation', password: 'annotations-password-1234' };
const MIN = 60_000;
/** A minute boundary three hours ago: inside every retention window. */
const T0 = Math.floor((Date.now() - 3 * 3_600_000) / MIN) * MIN;
const END = T0 + 100 * MIN;

/** One request a second from `from` to `to`, every fifth a 503 when `errors`. */
function traffic(from: number, to: number, errors: boolean): RequestRecord[] {
  const out: RequestRecord[] = [];
  for (let ts = from, i = 0; ts < to; ts += 1_000, i++) {
    out.push({
      service: 'api',
      route: '/orders',
      method: 'GET',
      status: errors && i % 5 === 0 ? 503 : 200,
      durationMs: 50,
      ts,
    });
  }
  return out;
}

type Handler = (req: Request) => Promise<Response>;

export function annotationsApiSuite(name: string, fresh: () => TestDatabase) {
  describe(`the annotations query on ${name}`, () => {
    let database: TestDatabase;
    let db: Db;
    let GET: Handler;
    let cookie: string;
    let otherKey: string;
    const ids = { shop: '', other: '', errors: '', checkout: '', otherRule: '', quiet: '' };
    type Event = { ruleId: string; kind: string; at: Date };
    let events: Event[] = [];

    const call = (query: string, headers: Record<string, string> = { cookie }) =>
      GET(
        new Request(`${ORIGIN}/api/v1/query/annotations?${query}`, { headers: { host: 'localhost:3000', ...headers } }),
      );

    async function read(project: string, from: number, to: number): Promise<Annotations> {
      const res = await call(`project=${project}&from=${from}&to=${to}`);
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as Annotations;
    }

    /** The spans of a rule as its stored events have them: each firing to the next resolution. */
    function spansOf(ruleId: string): { startedAt: number; endedAt: number | null }[] {
      const spans: { startedAt: number; endedAt: number | null }[] = [];
      for (const e of events.filter((x) => x.ruleId === ruleId)) {
        if (e.kind === 'firing') spans.push({ startedAt: e.at.getTime(), endedAt: null });
        else if (e.kind === 'resolved' && spans.at(-1)?.endedAt === null) spans.at(-1)!.endedAt = e.at.getTime();
      }
      return spans;
    }

    const ofRule = (body: Annotations, ruleId: string): Annotation[] =>
      body.annotations.filter((a) => a.href.includes(`rule=${ruleId}`));

    beforeAll(async () => {
      database = fresh();
      const target = parseDatabaseUrl(database.url);
      await migrate(target);
      process.env.DATABASE_URL = database.url;
      process.env.REDIS_URL = '';
      process.env.PUBLIC_URL = ORIGIN;
      process.env.AUTH_SECRET = randomBytes(32).toString('hex');
      process.env.JOBS_ENABLED = 'false';
      process.env.SELF_MONITORING = 'false';

      const { getDb } = await import('@/lib/db');
      const { getAuth } = await import('@/lib/auth');
      const { createUser } = await import('@/lib/auth/users');
      const { createKey, createProject } = await import('@/lib/projects/store');
      const { createRule, updateRule } = await import('@/lib/alerts/store');
      const { newRule } = await import('@/lib/alerts/rules');
      const { AlertEvaluator, ensureSeedRules } = await import('@/lib/alerts/evaluate');
      const { EMPTY_ALLOW_LIST } = await import('@/lib/outbound');
      const { IngestWriter } = await import('@/lib/ingest/writer');
      const { fanOut } = await import('@/lib/ingest/requests');
      ({ GET } = await import('@/app/api/v1/query/annotations/route'));
      db = getDb();

      await createUser(getAuth(ORIGIN), db, 'test', { ...ADMIN, role: 'admin' });
      const signedIn = await getAuth(ORIGIN).api.signInEmail({ body: ADMIN, asResponse: true });
      cookie = signedIn.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');

      ids.shop = (await createProject(db, 'test', { name: 'Shop', slug: 'shop' })).id;
      ids.other = (await createProject(db, 'test', { name: 'Other', slug: 'other' })).id;
      ({ key: otherKey } = await createKey(db, 'test', { project: ids.other, kind: 'admin', name: 'other reader' }));

      // Shop: errors for 20 minutes, none for 50, errors again for the last 30. Other: errors throughout.
      const writer = new IngestWriter(db, target.provider);
      await writer.submit(
        ids.shop,
        fanOut([
          ...traffic(T0, T0 + 20 * MIN, true),
          ...traffic(T0 + 20 * MIN, T0 + 70 * MIN, false),
          ...traffic(T0 + 70 * MIN, END, true),
        ]),
      );
      await writer.submit(ids.other, fanOut(traffic(T0, END, true)));

      // Only this suite's rules are evaluated.
      await ensureSeedRules(db, ids.shop);
      await ensureSeedRules(db, ids.other);
      await db.alertRule.deleteMany({ where: { seedKey: { not: null } } });
      const rule = (projectId: string, ruleName: string, severity: string) =>
        createRule(
          db,
          'test',
          projectId,
          newRule.parse({ name: ruleName, severity, statistic: 'error_ratio', comparator: 'gt', threshold: 0.1 }),
        );
      ids.errors = (await rule(ids.shop, 'Orders error rate', 'critical')).id;
      ids.checkout = (await rule(ids.shop, 'Checkout error rate', 'medium')).id;
      ids.otherRule = (await rule(ids.other, 'Other error rate', 'high')).id;
      // A rule that never fires has no annotation.
      ids.quiet = (
        await createRule(
          db,
          'test',
          ids.shop,
          newRule.parse({ name: 'Quiet', severity: 'low', statistic: 'error_ratio', comparator: 'gt', threshold: 0.9 }),
        )
      ).id;

      const evaluator = new AlertEvaluator(db, {
        intervalMs: MIN,
        allow: EMPTY_ALLOW_LIST,
        attempts: 1,
        baseDelayMs: 10,
        maxDelayMs: 10,
        pagerdutyUrl: 'http://127.0.0.1:9/unused',
        externalUrl: ORIGIN,
        smtp: { host: '127.0.0.1', port: 9, secure: false, user: undefined, password: undefined, from: 'a@b.c' },
      });
      for (let at = T0 + MIN / 2; at < END; at += MIN) await evaluator.run(at);
      // The medium rule is turned off while firing: its span ends there.
      expect((await db.alertRule.findUniqueOrThrow({ where: { id: ids.checkout } })).state).toBe('firing');
      await updateRule(db, 'test', ids.shop, ids.checkout, { enabled: false });

      events = await db.alertEvent.findMany({ orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    }, 600_000);

    afterAll(async () => {
      vi.unstubAllGlobals();
      await db?.$disconnect();
      await database?.drop();
    });

    it('has real history to read: each rule fired, resolved and fired again', () => {
      const errors = spansOf(ids.errors);
      expect(errors).toHaveLength(2);
      expect(errors[0]!.startedAt).toBeLessThan(T0 + 5 * MIN);
      expect(errors[0]!.endedAt).toBeGreaterThan(T0 + 20 * MIN);
      expect(errors[0]!.endedAt).toBeLessThan(T0 + 35 * MIN);
      expect(errors[1]!.startedAt).toBeGreaterThan(T0 + 70 * MIN);
      expect(errors[1]!.endedAt).toBeNull();
      // Turned off while firing: resolved at that moment (now, after the evaluated hours).
      const checkout = spansOf(ids.checkout);
      expect(checkout).toHaveLength(2);
      expect(checkout[1]!.endedAt).toBeGreaterThan(END);
      expect(spansOf(ids.quiet)).toEqual([]);
    });

    it('answers every span of the range as the history has it, still firing ones with to = null', async () => {
      const from = T0 - 10 * MIN;
      const to = END + 10 * MIN;
      const body = await read('shop', from, to);
      expect(body.range).toEqual({ from, to });
      expect(body.truncated).toBe(false);
      const errors = ofRule(body, ids.errors);
      expect(errors.map((a) => ({ startedAt: a.startedAt, endedAt: a.endedAt }))).toEqual(spansOf(ids.errors));
      expect(errors.map((a) => [a.from, a.to])).toEqual([
        [errors[0]!.startedAt, errors[0]!.endedAt],
        [errors[1]!.startedAt, null],
      ]);
      expect(errors[0]).toMatchObject({
        kind: 'alert',
        title: 'Orders error rate',
        severity: 'critical',
        tone: 'poor',
        href: `/alerts?project=${ids.shop}&rule=${ids.errors}#rule-${ids.errors}`,
      });
      expect(new Set(body.annotations.map((a) => a.id)).size).toBe(body.annotations.length);
      // The rule turned off ended after this range (when it was turned off): clipped to the range.
      const checkout = ofRule(body, ids.checkout);
      expect(checkout).toHaveLength(2);
      expect(checkout[0]).toMatchObject({ severity: 'medium', tone: 'warn' });
      expect(checkout[1]!.to).toBe(to);
      expect(checkout[1]!.endedAt).toBe(spansOf(ids.checkout)[1]!.endedAt);
      expect(ofRule(body, ids.quiet)).toEqual([]);
      // Oldest first.
      const starts = body.annotations.map((a) => a.from);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    });

    it('clips spans to the range, and finds one that opened before it', async () => {
      const [first] = spansOf(ids.errors);
      const middle = Math.round((first!.startedAt + first!.endedAt!) / 2);
      // Starting inside the first span: from is the range's start, startedAt the real one.
      const late = ofRule(await read('shop', middle, END), ids.errors);
      expect(late[0]).toMatchObject({ from: middle, to: first!.endedAt, startedAt: first!.startedAt });
      // Ending inside it.
      const early = ofRule(await read('shop', T0 - 10 * MIN, middle), ids.errors);
      expect(early).toHaveLength(1);
      expect(early[0]).toMatchObject({ from: first!.startedAt, to: middle, endedAt: first!.endedAt });
      // Wholly inside it: no event lies in the range, the span is still there, with the same id.
      const inside = ofRule(await read('shop', middle - MIN, middle + MIN), ids.errors);
      expect(inside).toHaveLength(1);
      expect(inside[0]).toMatchObject({ from: middle - MIN, to: middle + MIN, id: late[0]!.id });
      // Wholly inside the ongoing one.
      const ongoing = ofRule(await read('shop', END - 5 * MIN, END - MIN), ids.errors);
      expect(ongoing).toHaveLength(1);
      expect(ongoing[0]).toMatchObject({ from: END - 5 * MIN, to: null, endedAt: null });
      // Between the spans, and before any: nothing.
      const quiet = await read('shop', first!.endedAt! + MIN, first!.endedAt! + 2 * MIN);
      expect(ofRule(quiet, ids.errors)).toEqual([]);
      expect((await read('shop', T0 - 60 * MIN, T0 - 30 * MIN)).annotations).toEqual([]);
    });

    it('keeps projects apart', async () => {
      const shop = await read('shop', T0 - 10 * MIN, END);
      const other = await read('other', T0 - 10 * MIN, END);
      expect(ofRule(shop, ids.otherRule)).toEqual([]);
      expect(other.annotations.length).toBeGreaterThan(0);
      expect(other.annotations.every((a) => a.title === 'Other error rate')).toBe(true);
      for (const a of shop.annotations) expect(a.href).toContain(`project=${ids.shop}`);
      // By id as by slug.
      expect(await read(ids.other, T0 - 10 * MIN, END)).toEqual(other);
      // A key of the other project reads its own, not the shop's.
      const range = `from=${T0}&to=${END}`;
      expect((await call(`project=other&${range}`, { 'x-api-key': otherKey })).status).toBe(200);
      expect((await call(`project=shop&${range}`, { 'x-api-key': otherKey })).status).toBe(403);
    });

    it('is what the browser’s hook reads', async () => {
      const { annotationsQuery } = await import('@/lib/hooks/useAnnotations');
      const { QueryClient } = await import('@tanstack/react-query');
      vi.stubGlobal('fetch', (input: string) =>
        GET(new Request(new URL(input, ORIGIN), { headers: { host: 'localhost:3000', cookie } })),
      );
      const state = { period: 'custom' as const, from: T0, to: END };
      const options = annotationsQuery(ids.shop, state);
      expect(options.queryKey).toEqual(['data', ids.shop, 'annotations', `${T0}-${END}`]);
      const fetched = await new QueryClient().fetchQuery(options);
      expect(fetched).toEqual(await read(ids.shop, T0, END));
      vi.unstubAllGlobals();
    });

    it('refuses anonymous callers with 401 and unknown projects with 404', async () => {
      const anonymous = await call(`project=shop&from=${T0}&to=${END}`, {});
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthorized' } });
      expect(
        (await call(`project=shop&from=${T0}&to=${END}`, { cookie: 'observatory.session_token=forged' })).status,
      ).toBe(401);
      const unknown = await call(`project=no-such-project&from=${T0}&to=${END}`);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
    });

    it.each([
      ['no project', `from=${T0}&to=${END}`, /project/],
      ['an empty project', `project=&from=${T0}&to=${END}`, /project must not be empty/],
      ['a project twice', `project=shop&project=other`, /project must be given once/],
      ['a project too long', `project=${'a'.repeat(101)}`, /project is too long/],
      ['a path as project', `project=${encodeURIComponent('../../etc/passwd')}`, /project must be a project/],
      ['SQL as project', `project=${encodeURIComponent("shop' OR 1=1 --")}`, /project must be a project/],
      ['a NUL in project', `project=shop%00`, /project must be a project/],
      ['a malformed from', `project=shop&from=yesterday`, /from must be a time/],
      ['a negative from', `project=shop&from=-5`, /from must be a time/],
      ['a from past 2100', `project=shop&from=99999999999999`, /from must be a time/],
      ['an oversized to', `project=shop&to=${'9'.repeat(5000)}`, /to must be a time/],
      ['from after to', `project=shop&from=${END}&to=${T0}`, /from must be before to/],
      ['a range over 400 days', `project=shop&from=0&to=${401 * 86_400_000}`, /at most 400 days/],
      ['an unknown parameter', `project=shop&limit=5`, /unknown parameter/],
      [
        'a hostile parameter name',
        `project=shop&${encodeURIComponent(`<script>${'x'.repeat(500)}`)}=1`,
        /unknown parameter/,
      ],
    ])('refuses %s with 422 naming the problem', async (_what, query, message) => {
      const res = await call(query);
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('invalid');
      expect(body.error.message).toMatch(message);
      // A hostile value is never echoed whole.
      expect(body.error.message.length).toBeLessThan(400);
    });
  });
}
