/**
 * Alert evaluation and notifications on real databases, with real receivers on 127.0.0.1:
 * HTTP servers standing in for Slack, PagerDuty and a webhook, and an SMTP server
 * (smtp-server) receiving the email. A rule fires after its for-duration, repeats at its repeat
 * interval, stops repeating once acknowledged and resolves; a receiver answering 500, 500, 200
 * gets one notification after three attempts; one that stays down ends as failed without
 * delaying the others; a silence holds everything back; the state survives a restart; two
 * evaluators evaluate a rule once per turn; a broken rule records its error and the others go on.
 */
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryOptions } from '@/lib/alerts/deliver';
import { AlertEvaluator, ensureSeedRules } from '@/lib/alerts/evaluate';
import { EMPTY_ALLOW_LIST, OutboundError, parseAllowList, request, verifySignature } from '@/lib/outbound';
import { dedupKey } from '@/lib/alerts/payloads';
import { SEED_RULES, newRule, type NewChannel } from '@/lib/alerts/rules';
import {
  createChannel,
  createRule,
  createSilence,
  deleteChannel,
  getRule,
  listChannels,
  updateRule,
} from '@/lib/alerts/store';
import { deliver } from '@/lib/alerts/deliver';
import { listAudit } from '@/lib/audit/store';
import { rejection } from '../helpers/errors';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { parseDatabaseUrl, type DbTarget } from '@/lib/db/url';
import { fanOut } from '@/lib/ingest/requests';
import type { RequestRecord } from '@/lib/ingest/schema';
import { IngestWriter } from '@/lib/ingest/writer';
import { createProject } from '@/lib/projects/store';
import { startReceiver, until, type Receiver, type Script } from '../helpers/receiver';
import { databaseProviders, type TestDatabase } from '../helpers/services';

const MINUTE = 60_000;
/** A minute boundary two hours ago: inside every retention window. */
const T0 = Math.floor((Date.now() - 2 * 3_600_000) / MINUTE) * MINUTE;
const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdef012345';
const HMAC = 'a-webhook-signing-secret';

type Mail = { from: string; to: string[]; raw: string };

async function startSmtp(): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One request a second per route between `from` and `to`, `errorEvery`-th of them a 503. */
function traffic(from: number, to: number, errorEvery: number | null): RequestRecord[] {
  const out: RequestRecord[] = [];
  for (let ts = from, i = 0; ts < to; ts += 1_000, i++) {
    out.push({
      service: 'api',
      route: '/orders',
      method: 'GET',
      status: errorEvery && i % errorEvery === 0 ? 503 : 200,
      durationMs: 100,
      ts,
    });
  }
  return out;
}

describe.each(databaseProviders())('alerts on %s', (_name, fresh) => {
  let database: TestDatabase;
  let target: DbTarget;
  let db: Db;
  let projectId: string;
  let slack: Receiver;
  let pagerduty: Receiver;
  let webhook: Receiver;
  let flaky: Receiver;
  let down: Receiver;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let webhookScript: Script = () => ({ status: 200, body: {} });
  let options: DeliveryOptions & { intervalMs: number };
  const channels: Record<string, string> = {};

  beforeAll(async () => {
    database = fresh();
    target = parseDatabaseUrl(database.url);
    await migrate(target);
    db = createDb(target);
    projectId = (await createProject(db, 'shop', { name: 'Shop' })).id;
    // Errors (1 in 5) for 20 minutes, then none for 40.
    const writer = new IngestWriter(db, target.provider);
    await writer.submit(
      projectId,
      fanOut([...traffic(T0 - 10 * MINUTE, T0 + 10 * MINUTE, 5), ...traffic(T0 + 10 * MINUTE, T0 + 50 * MINUTE, null)]),
    );
    slack = await startReceiver(() => ({ status: 200, body: 'ok' }));
    pagerduty = await startReceiver(() => ({ status: 202, body: { status: 'success', message: 'Event processed' } }));
    webhook = await startReceiver((n, got) => webhookScript(n, got));
    flaky = await startReceiver((n) => ({ status: n < 2 ? 500 : 200, body: {} }));
    down = await startReceiver(() => ({ status: 503 }));
    smtp = await startSmtp();
    options = {
      intervalMs: 30_000,
      allow: parseAllowList('127.0.0.1'),
      attempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 1_000,
      pagerdutyUrl: pagerduty.url,
      externalUrl: 'https://observatory.example',
      smtp: {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        user: undefined,
        password: undefined,
        from: 'alerts@observatory.example',
      },
    };
    const add = async (key: string, input: NewChannel) => {
      channels[key] = (await createChannel(db, 'test', projectId, input, options.allow)).id;
    };
    await add('slack', { type: 'slack', name: 'ops slack', url: `${slack.url}/services/T000/B000/XXXX` });
    await add('pagerduty', { type: 'pagerduty', name: 'on-call', routingKey: ROUTING_KEY });
    await add('webhook', { type: 'webhook', name: 'hook', url: `${webhook.url}/alerts`, hmacSecret: HMAC });
    await add('email', { type: 'email', name: 'team', to: ['oncall@shop.example'] });
    await add('flaky', { type: 'webhook', name: 'flaky', url: `${flaky.url}/hook` });
    await add('down', { type: 'webhook', name: 'down', url: `${down.url}/hook` });
    // The default rules are created but wait (they are ensured here so that they exist).
    await ensureSeedRules(db, projectId);
  });
  afterAll(async () => {
    await Promise.all([slack, pagerduty, webhook, flaky, down].map((r) => r?.close()));
    await smtp?.close();
    await db?.$disconnect();
    await database?.drop();
  });
  beforeEach(async () => {
    // Rules of one test do not run in the next.
    await db.alertRule.updateMany({ where: { projectId }, data: { enabled: false } });
    webhookScript = () => ({ status: 200, body: {} });
  });

  async function rule(name: string, channelKeys: string[], extra: Record<string, unknown> = {}) {
    const input = newRule.parse({
      name,
      statistic: 'error_ratio',
      comparator: 'gt',
      threshold: 0.05,
      windowSec: 300,
      forSec: 60,
      severity: 'critical',
      channels: channelKeys.map((k) => channels[k]),
      ...extra,
    });
    return createRule(db, 'test', projectId, input);
  }

  function testAlert() {
    return {
      ruleId: 'test',
      ruleName: 'Test notification',
      projectId,
      projectSlug: 'shop',
      severity: 'low' as const,
      metric: 'observatory.test',
      statistic: 'avg',
      comparator: 'gt',
      threshold: 0,
      value: 1,
      startsAt: new Date(),
      endsAt: null,
      url: 'https://observatory.example/alerts',
    };
  }

  async function kinds(ruleId: string) {
    const rows = await db.alertNotification.findMany({ where: { ruleId }, orderBy: { createdAt: 'asc' } });
    return rows.map((r) => `${r.kind}:${r.status}`);
  }

  it('fires after its for-duration, repeats, stops repeating once acknowledged, and resolves, on every channel type', async () => {
    const r = await rule('Orders error rate', ['slack', 'pagerduty', 'webhook', 'email']);
    const ev = new AlertEvaluator(db, options);
    const at = async (offsetMs: number) => {
      const s = await ev.run(T0 + offsetMs);
      await ev.idle();
      return s;
    };
    await at(0);
    expect((await getRule(db, projectId, r.id)).state).toBe('pending');
    await at(30_000);
    expect((await getRule(db, projectId, r.id)).state).toBe('pending');
    expect(slack.got.length).toBe(0);
    await at(60_000);
    const firing = await getRule(db, projectId, r.id);
    expect(firing.state).toBe('firing');
    expect(firing.lastValue).toBeCloseTo(0.2, 2);

    // Slack: fallback text and blocks.
    expect(slack.got.length).toBe(1);
    const s = slack.got[0]!.body as unknown as { text: string; blocks: { type: string }[] };
    expect(s.text).toMatch(
      /^\[FIRING\] Orders error rate \(shop, critical\): error_ratio of http.server.requests > 0.05/,
    );
    expect(s.blocks.map((b) => b.type)).toEqual(['header', 'section', 'actions']);
    expect(slack.got[0]!.path).toBe('/services/T000/B000/XXXX');

    // PagerDuty Events v2: trigger with a stable dedup_key.
    expect(pagerduty.got.length).toBe(1);
    expect(pagerduty.got[0]!.path).toBe('/v2/enqueue');
    const trigger = pagerduty.got[0]!.body as unknown as Record<string, unknown> & { payload: Record<string, unknown> };
    expect(trigger).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: dedupKey({ projectId, ruleId: r.id }),
    });
    expect(trigger.payload).toMatchObject({ severity: 'critical', source: 'observatory/shop' });
    expect(String(trigger.payload.summary).length).toBeLessThanOrEqual(1024);

    // Webhook: Alertmanager v4 shape, signed.
    expect(webhook.got.length).toBe(1);
    const hook = webhook.got[0]!;
    const body = hook.body as unknown as Record<string, unknown> & { alerts: Record<string, unknown>[] };
    expect(body).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'hook',
      externalURL: 'https://observatory.example',
    });
    expect(body.alerts[0]).toMatchObject({
      status: 'firing',
      endsAt: '0001-01-01T00:00:00Z',
      labels: { alertname: 'Orders error rate', severity: 'critical', project: 'shop' },
    });
    expect(body.alerts[0]!.startsAt).toBe(new Date(T0 + 60_000).toISOString());
    expect(body.alerts[0]!.generatorURL).toBe(`https://observatory.example/alerts?rule=${r.id}`);
    const raw = JSON.stringify(hook.body);
    expect(hook.headers['x-observatory-signature']).toBe(
      `sha256=${createHmac('sha256', HMAC).update(raw).digest('hex')}`,
    );

    // Email: text and HTML with a link to the alert.
    await until(() => smtp.mails.length === 1, 'the email');
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['oncall@shop.example']);
    expect(mail.from).toBe('alerts@observatory.example');
    expect(mail.raw).toMatch(/Subject: \[FIRING\] Orders error rate/);
    expect(mail.raw).toMatch(/text\/plain/);
    expect(mail.raw).toMatch(/text\/html/);
    const decoded = mail.raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    expect(decoded).toContain(`Open the alert: https://observatory.example/alerts?rule=${r.id}`);
    expect(decoded).toContain(`<a href="https://observatory.example/alerts?rule=${r.id}">`);

    // Within the repeat interval (5 min for critical): nothing more; at 5 min: a repeat.
    await at(3 * MINUTE);
    expect(slack.got.length).toBe(1);
    await at(6 * MINUTE);
    expect(slack.got.length).toBe(2);
    expect(webhook.got.length).toBe(2);
    expect((webhook.got[1]!.body as unknown as { observatory: { kind: string } }).observatory.kind).toBe('repeat');

    // Acknowledged: PagerDuty hears it, repeats stop.
    await ev.acknowledge(await getRule(db, projectId, r.id), 'shop', 'user:ops@shop.example', T0 + 7 * MINUTE);
    await ev.idle();
    expect(pagerduty.got.at(-1)!.body).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'acknowledge',
      dedup_key: dedupKey({ projectId, ruleId: r.id }),
    });
    await at(12 * MINUTE);
    expect(slack.got.length).toBe(2);

    // The errors stop at +10 min; by +16 min the 5-minute window is clean: resolved.
    await at(16 * MINUTE);
    expect((await getRule(db, projectId, r.id)).state).toBe('inactive');
    expect(slack.got.length).toBe(3);
    expect((slack.got[2]!.body as unknown as { text: string }).text).toMatch(/^\[RESOLVED\]/);
    const resolved = webhook.got.at(-1)!.body as unknown as {
      status: string;
      alerts: { status: string; endsAt: string }[];
    };
    expect(resolved.status).toBe('resolved');
    expect(resolved.alerts[0]!.endsAt).toBe(new Date(T0 + 16 * MINUTE).toISOString());
    expect(pagerduty.got.at(-1)!.body).toMatchObject({
      event_action: 'resolve',
      dedup_key: dedupKey({ projectId, ruleId: r.id }),
    });
    await until(() => smtp.mails.length === 3, 'the resolved email');
    expect(smtp.mails[2]!.raw).toMatch(/Subject: \[RESOLVED\]/);

    const events = await db.alertEvent.findMany({ where: { ruleId: r.id }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.kind)).toEqual(['pending', 'firing', 'acknowledged', 'resolved']);
    expect((await kinds(r.id)).filter((k) => !k.endsWith(':sent'))).toEqual([]);
  });

  it('a receiver answering 500, 500, 200 gets one notification after three attempts; one that stays down fails without delaying the others', async () => {
    const r2 = await rule('Flaky delivery', ['flaky', 'down', 'slack'], { forSec: 0 });
    const before = { flaky: flaky.got.length, down: down.got.length, slack: slack.got.length };
    const ev = new AlertEvaluator(db, options);
    const started = Date.now();
    await ev.run(T0 + 8 * MINUTE + 15_000);
    await until(() => slack.got.length === before.slack + 1, 'the Slack notification');
    const slackAt = slack.got.at(-1)!.at;
    await ev.idle();
    const finished = Date.now();

    expect(flaky.got.length - before.flaky).toBe(3);
    const log = await db.alertNotification.findMany({ where: { ruleId: r2.id } });
    const byChannel = Object.fromEntries(log.map((l) => [l.channelId, l]));
    expect(byChannel[channels.flaky!]).toMatchObject({ status: 'sent', attempts: 3, lastError: 'HTTP 500: {}' });
    expect(byChannel[channels.down!]).toMatchObject({ status: 'failed', attempts: 4 });
    expect(byChannel[channels.down!]!.lastError).toMatch(/^HTTP 503/);
    expect(down.got.length - before.down).toBe(4);
    expect(byChannel[channels.slack!]).toMatchObject({ status: 'sent', attempts: 1 });
    // Slack was told long before the down channel gave up (three backoffs of 100 ms × 1.5ⁿ ± 50%).
    expect(finished - slackAt).toBeGreaterThan(150);
    expect(slackAt - started).toBeLessThan(finished - started);
  });

  it('a 4xx other than 429 is not retried', async () => {
    webhookScript = () => ({ status: 400, body: { error: 'bad' } });
    const r = await rule('Refused by receiver', ['webhook'], { forSec: 0 });
    const before = webhook.got.length;
    const ev = new AlertEvaluator(db, options);
    await ev.run(T0 + 9 * MINUTE);
    await ev.idle();
    expect(webhook.got.length - before).toBe(1);
    expect(await db.alertNotification.findFirst({ where: { ruleId: r.id } })).toMatchObject({
      status: 'failed',
      attempts: 1,
    });
  });

  it('a silenced rule sends nothing; once the silence ends the firing is told', async () => {
    const r = await rule('Silenced', ['slack'], { forSec: 0 });
    await createSilence(db, 'test', projectId, {
      ruleId: r.id,
      matchers: [],
      startsAt: new Date(T0).toISOString(),
      endsAt: new Date(T0 + 2 * MINUTE).toISOString(),
      comment: 'deploy',
    });
    const byLabel = await rule('Silenced by label', ['slack'], { forSec: 0, severity: 'low' });
    await createSilence(db, 'test', projectId, {
      matchers: [{ name: 'severity', value: 'low' }],
      startsAt: new Date(T0).toISOString(),
      endsAt: new Date(T0 + 2 * MINUTE).toISOString(),
      comment: '',
    });
    const before = slack.got.length;
    const ev = new AlertEvaluator(db, options);
    await ev.run(T0 + 30_000);
    await ev.run(T0 + MINUTE);
    await ev.idle();
    expect((await getRule(db, projectId, r.id)).state).toBe('firing');
    expect((await getRule(db, projectId, byLabel.id)).state).toBe('firing');
    expect(slack.got.length).toBe(before);
    expect(await db.alertNotification.count({ where: { ruleId: { in: [r.id, byLabel.id] } } })).toBe(0);
    await ev.run(T0 + 2 * MINUTE + 30_000);
    await ev.idle();
    expect(slack.got.length).toBe(before + 2);
  });

  it('keeps its state across a restart: a new client and evaluator resume a firing rule without telling it again', async () => {
    const r = await rule('Survives restart', ['slack'], { forSec: 0 });
    const first = new AlertEvaluator(db, options);
    await first.run(T0 + 2 * MINUTE);
    await first.idle();
    const before = slack.got.length;
    const restarted = createDb(target);
    try {
      const second = new AlertEvaluator(restarted, options);
      await second.run(T0 + 3 * MINUTE);
      await second.idle();
      expect((await getRule(restarted, projectId, r.id)).state).toBe('firing');
      expect(slack.got.length).toBe(before);
      await second.run(T0 + 17 * MINUTE);
      await second.idle();
      expect(slack.got.length).toBe(before + 1);
      expect((slack.got.at(-1)!.body as unknown as { text: string }).text).toMatch(/^\[RESOLVED\] Survives restart/);
    } finally {
      await restarted.$disconnect();
    }
  });

  it('two evaluators running the same turn evaluate each rule once', async () => {
    const r = await rule('Two instances', ['slack'], { forSec: 0 });
    const other = createDb(target);
    try {
      const a = new AlertEvaluator(db, options);
      const b = new AlertEvaluator(other, options);
      const before = slack.got.length;
      const [sa, sb] = await Promise.all([a.run(T0 + 4 * MINUTE), b.run(T0 + 4 * MINUTE + 5_000)]);
      await Promise.all([a.idle(), b.idle()]);
      expect(sa.evaluated + sb.evaluated).toBe(1);
      expect(slack.got.length).toBe(before + 1);
      expect(await db.alertEvent.count({ where: { ruleId: r.id, kind: 'firing' } })).toBe(1);
      expect(await db.alertNotification.count({ where: { ruleId: r.id } })).toBe(1);
      // The next turn is evaluated again (by one of them).
      const [ta, tb] = await Promise.all([a.run(T0 + 4 * MINUTE + 30_000), b.run(T0 + 4 * MINUTE + 31_000)]);
      expect(ta.evaluated + tb.evaluated).toBe(1);
    } finally {
      await other.$disconnect();
    }
  });

  it('a broken rule records its error and the others are evaluated', async () => {
    const broken = await rule('Broken', [], { forSec: 0 });
    const fine = await rule('Fine', [], { forSec: 0 });
    await db.alertRule.update({ where: { id: broken.id }, data: { filters: '{not json' } });
    const ev = new AlertEvaluator(db, options);
    const summary = await ev.run(T0 + 5 * MINUTE);
    expect(summary.errors).toBe(1);
    expect((await getRule(db, projectId, broken.id)).lastError).toMatch(/JSON/);
    expect((await getRule(db, projectId, fine.id)).state).toBe('firing');
  });

  it('ships the default rules, which wait for data', async () => {
    const empty = (await createProject(db, 'empty', { name: 'Empty' })).id;
    const ev = new AlertEvaluator(db, options);
    const summary = await ev.run(T0 + 30 * MINUTE);
    const seeded = await db.alertRule.findMany({ where: { projectId: empty } });
    expect(seeded.map((s) => s.seedKey).sort()).toEqual(SEED_RULES.map((s) => s.seedKey).sort());
    expect(seeded.find((s) => s.seedKey === 'error-rate')).toMatchObject({
      severity: 'critical',
      repeatSec: 300,
      threshold: 0.05,
    });
    expect(seeded.every((s) => s.lastEvalAt === null)).toBe(true);
    expect(summary.skipped).toBeGreaterThanOrEqual(SEED_RULES.length);
    // Deleted default rules stay deleted.
    await db.alertRule.deleteMany({ where: { projectId: empty } });
    await ev.run(T0 + 31 * MINUTE);
    expect(await db.alertRule.count({ where: { projectId: empty } })).toBe(0);
  });

  it('refuses, after DNS resolution, a name that resolves to a private address not allowed', async () => {
    const host = os.hostname();
    const port = new URL(slack.url).port;
    const post = (allow: typeof EMPTY_ALLOW_LIST) =>
      request({ url: `http://${host}:${port}/x`, method: 'POST', json: {}, allow });
    await expect(post(EMPTY_ALLOW_LIST)).rejects.toMatchObject({ kind: 'refused' });
    await expect(post(EMPTY_ALLOW_LIST)).rejects.toBeInstanceOf(OutboundError);
    const before = slack.got.length;
    const ok = await post(parseAllowList('127.0.0.1'));
    expect(ok.status).toBe(200);
    expect(slack.got.length).toBe(before + 1);
  });

  it('never shows a channel secret after creation, nor puts it in the audit log', async () => {
    const shown = JSON.stringify(await listChannels(db, projectId));
    expect(shown).not.toContain(ROUTING_KEY);
    expect(shown).not.toContain(HMAC);
    expect(shown).not.toContain('/services/T000/B000/XXXX');
    expect(shown).toContain('(ends XXXX)');
    expect(shown).toContain('(ends 2345)');
    const audit = JSON.stringify(await listAudit(db, { projectId, limit: 500 }));
    expect(audit).toContain('alert_channel.create');
    expect(audit).not.toContain(ROUTING_KEY);
    expect(audit).not.toContain(HMAC);
    expect(audit).not.toContain(slack.url);
  });

  it('refuses channels of another project, refused URLs and unknown rules, naming the field', async () => {
    const other = (await createProject(db, 'other', { name: 'Other' })).id;
    const foreign = await createChannel(
      db,
      'test',
      other,
      { type: 'pagerduty', name: 'theirs', routingKey: ROUTING_KEY },
      options.allow,
    );
    const input = newRule.parse({ name: 'x', severity: 'low', channels: [foreign.id] });
    const err = await rejection(createRule(db, 'test', projectId, input));
    expect([err.status, err.message]).toEqual([422, 'channels: every channel must exist in this project']);
    const own = await rule('Mine', []);
    expect((await rejection(updateRule(db, 'test', projectId, own.id, { channels: [foreign.id] }))).status).toBe(422);
    expect((await rejection(updateRule(db, 'test', other, own.id, { enabled: false }))).status).toBe(404);

    const refused = await rejection(
      createChannel(
        db,
        'test',
        projectId,
        { type: 'webhook', name: 'meta', url: 'http://169.254.169.254/latest' },
        options.allow,
      ),
    );
    expect([refused.status, refused.message]).toEqual([
      422,
      'url: must not point at a link-local or cloud metadata address',
    ]);
    const privateUrl = await rejection(
      createChannel(db, 'test', projectId, { type: 'slack', name: 'lan', url: 'http://10.0.0.5/hook' }, options.allow),
    );
    expect(privateUrl.message).toMatch(/^url: must not point at a private or loopback address/);
    expect(await db.alertChannel.count({ where: { name: { in: ['meta', 'lan'] } } })).toBe(0);

    const silence = await rejection(
      createSilence(db, 'test', projectId, {
        ruleId: 'nosuchrule123',
        matchers: [],
        endsAt: new Date(Date.now() + 60_000).toISOString(),
        comment: '',
      }),
    );
    expect(silence.status).toBe(404);
  });

  it('a rule resolved by hand tells its channels, and fires again only on a new breach', async () => {
    const r = await rule('Resolved by hand', ['slack'], { forSec: 0 });
    const ev = new AlertEvaluator(db, options);
    await ev.run(T0 + 7 * MINUTE);
    await ev.idle();
    const before = slack.got.length;
    await ev.resolve(await getRule(db, projectId, r.id), 'shop', T0 + 7 * MINUTE + 10_000);
    await ev.idle();
    expect(slack.got.length).toBe(before + 1);
    expect((slack.got.at(-1)!.body as unknown as { text: string }).text).toMatch(/^\[RESOLVED\] Resolved by hand/);
    expect((await getRule(db, projectId, r.id)).state).toBe('inactive');
    await expect(ev.resolve(await getRule(db, projectId, r.id), 'shop')).rejects.toThrow(/not active/);
    await expect(ev.acknowledge(await getRule(db, projectId, r.id), 'shop', 'x')).rejects.toThrow(/only a firing/);
    // Still breached at the next turn: a new firing.
    await ev.run(T0 + 7 * MINUTE + 30_000);
    await ev.idle();
    expect(slack.got.length).toBe(before + 2);
    expect((slack.got.at(-1)!.body as unknown as { text: string }).text).toMatch(/^\[FIRING\] Resolved by hand/);
  });

  it('a test notification is delivered and logged without a rule', async () => {
    const channel = await db.alertChannel.findUniqueOrThrow({ where: { id: channels.webhook! } });
    const before = webhook.got.length;
    const result = await deliver(db, channel, 'test', testAlert(), options);
    expect(result).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(webhook.got.length).toBe(before + 1);
    expect((webhook.got.at(-1)!.body as unknown as { observatory: { kind: string } }).observatory.kind).toBe('test');
    expect(await db.alertNotification.findUniqueOrThrow({ where: { id: result.id } })).toMatchObject({
      ruleId: null,
      kind: 'test',
      status: 'sent',
    });
  });

  it('signs webhooks with the timestamped signature beside the old one; the receiver verifies it, and refuses it once stale', async () => {
    const channel = await db.alertChannel.findUniqueOrThrow({ where: { id: channels.webhook! } });
    const sentAfter = Math.floor(Date.now() / 1000);
    const result = await deliver(db, channel, 'test', testAlert(), options);
    expect(result.status).toBe('sent');
    const hook = webhook.got.at(-1)!;
    expect(hook.headers['x-observatory-signature']).toBe(
      `sha256=${createHmac('sha256', HMAC).update(hook.raw).digest('hex')}`,
    );
    const t = Number(hook.headers['x-observatory-timestamp']);
    expect(t).toBeGreaterThanOrEqual(sentAfter);
    expect(hook.headers['x-observatory-signature-256']).toBe(
      `t=${t},v1=${createHmac('sha256', HMAC).update(`${t}.${hook.raw}`).digest('hex')}`,
    );
    expect(verifySignature(HMAC, hook.headers, hook.raw, { now: t * 1000 })).toEqual({ ok: true, timestamp: t });
    expect(verifySignature(HMAC, hook.headers, hook.raw, { now: (t + 300) * 1000 }).ok).toBe(true);
    expect(verifySignature(HMAC, hook.headers, hook.raw, { now: (t + 301) * 1000 })).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifySignature('another-secret-entirely', hook.headers, hook.raw, { now: t * 1000 })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('a deleted channel leaves the rules that named it', async () => {
    const extra = await createChannel(
      db,
      'test',
      projectId,
      { type: 'email', name: 'temp', to: ['a@shop.example'] },
      options.allow,
    );
    const r = await rule('Names a channel', ['slack']);
    await updateRule(db, 'test', projectId, r.id, { channels: [channels.slack!, extra.id] });
    await deleteChannel(db, 'test', projectId, extra.id);
    expect(JSON.parse((await getRule(db, projectId, r.id)).channels)).toEqual([channels.slack]);
  });

  it('rules on request statistics name the request metrics, whatever metric was sent', async () => {
    const r = await rule('Ratio', [], { metric: 'web_vitals.lcp' });
    expect(r.metric).toBe('http.server.requests');
    const changed = await updateRule(db, 'test', projectId, r.id, { statistic: 'p95', metric: 'web_vitals.lcp' });
    expect(changed.metric).toBe('web_vitals.lcp');
    const back = await updateRule(db, 'test', projectId, r.id, { statistic: 'cache_hit_ratio' });
    expect(back.metric).toBe('http.server.cache.hits');
  });

  it('two instances seeding a new project at once create each default rule once', async () => {
    const fresh = (await createProject(db, 'seeded-twice', { name: 'Seeded twice' })).id;
    const other = createDb(target);
    try {
      await Promise.all([ensureSeedRules(db, fresh), ensureSeedRules(other, fresh), ensureSeedRules(db, fresh)]);
      expect(await db.alertRule.count({ where: { projectId: fresh } })).toBe(SEED_RULES.length);
    } finally {
      await other.$disconnect();
    }
  });

  it('a rule turned off leaves the active alerts and starts afresh when turned on', async () => {
    const r = await rule('Turned off', ['slack'], { forSec: 0 });
    const ev = new AlertEvaluator(db, options);
    await ev.run(T0 + 8 * MINUTE + 40_000);
    await ev.idle();
    expect((await getRule(db, projectId, r.id)).state).toBe('firing');
    const before = slack.got.length;
    const off = await updateRule(db, 'test', projectId, r.id, { enabled: false });
    expect(off).toMatchObject({ enabled: false, state: 'inactive', firingSince: null });
    await updateRule(db, 'test', projectId, r.id, { enabled: true });
    await ev.run(T0 + 9 * MINUTE + 10_000);
    await ev.idle();
    expect(slack.got.length).toBe(before + 1);
    expect((slack.got.at(-1)!.body as unknown as { text: string }).text).toMatch(/^\[FIRING\] Turned off/);
  });
});
