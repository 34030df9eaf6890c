/**
 * Alert rules, channels and silences: create, list, change, delete, with audit entries. Channel
 * secrets (webhook URLs, routing keys, HMAC secrets) are stored apart and only a masked hint
 * ever leaves this module.
 */
import type { Db } from '../db/client';
import { recordAudit } from '../audit/store';
import { invalid, notFound } from '../http/errors';
import { refuseUrl, type AllowList } from '../outbound';
import { RED_METRICS } from '../metrics';
import { ALERT_RESET } from './state';
import { REQUEST_STATISTICS } from './statistics';
import {
  DEFAULT_REPEAT_SEC,
  ratioThresholdProblem,
  type ThresholdUnit,
  type NewChannel,
  type NewRule,
  type NewSilence,
  type RuleUpdate,
  type Severity,
} from './rules';
import { BULLET, ELLIPSIS } from '../chars';

type RuleRow = Awaited<ReturnType<Db['alertRule']['findFirstOrThrow']>>;
type ChannelRow = Awaited<ReturnType<Db['alertChannel']['findFirstOrThrow']>>;
type SilenceRow = Awaited<ReturnType<Db['alertSilence']['findFirstOrThrow']>>;

export function ruleView(r: RuleRow) {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    metric: r.metric,
    filters: JSON.parse(r.filters) as Record<string, string>,
    statistic: r.statistic,
    comparator: r.comparator,
    threshold: r.threshold,
    thresholdUnit: r.thresholdUnit,
    windowSec: r.windowSec,
    forSec: r.forSec,
    severity: r.severity,
    channels: JSON.parse(r.channels) as string[],
    repeatSec: r.repeatSec,
    noData: r.noData,
    slo: r.slo,
    enabled: r.enabled,
    seedKey: r.seedKey,
    state: r.state,
    pendingSince: r.pendingSince,
    firingSince: r.state === 'firing' ? r.firingSince : null,
    lastValue: r.lastValue,
    lastEvalAt: r.lastEvalAt,
    lastError: r.lastError,
    acknowledgedAt: r.acknowledgedAt,
    acknowledgedBy: r.acknowledgedBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
export type RuleView = ReturnType<typeof ruleView>;

export function channelView(c: ChannelRow) {
  const config = JSON.parse(c.config) as { to?: string[]; signed?: boolean };
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    to: config.to ?? null,
    signed: config.signed ?? false,
    secretHint: c.secretHint,
    createdAt: c.createdAt,
  };
}
export type ChannelView = ReturnType<typeof channelView>;

export function silenceView(s: SilenceRow) {
  return {
    id: s.id,
    ruleId: s.ruleId,
    matchers: JSON.parse(s.matchers) as { name: string; value: string }[],
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    comment: s.comment,
    createdBy: s.createdBy,
    createdAt: s.createdAt,
  };
}

/** Statistics read from the request metrics name those metrics, whatever was sent. */
function metricFor(statistic: string, metric: string): string {
  if (!REQUEST_STATISTICS.has(statistic)) return metric;
  return statistic === 'cache_hit_ratio' ? RED_METRICS.cacheHits : RED_METRICS.requests;
}

async function checkChannels(db: Db, projectId: string, ids: string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const found = await db.alertChannel.count({ where: { projectId, id: { in: ids } } });
  if (found !== new Set(ids).size)
    throw invalid('channels: every channel must exist in this project', { field: 'channels' });
}

export async function createRule(db: Db, actor: string, projectId: string, input: NewRule): Promise<RuleView> {
  await checkChannels(db, projectId, input.channels);
  const row = await db.alertRule.create({
    data: {
      projectId,
      name: input.name,
      type: input.type,
      metric: input.type === 'burn_rate' ? RED_METRICS.requests : metricFor(input.statistic, input.metric),
      filters: JSON.stringify(input.filters),
      statistic: input.type === 'burn_rate' ? 'error_ratio' : input.statistic,
      comparator: input.comparator,
      threshold: input.threshold,
      thresholdUnit: input.thresholdUnit,
      windowSec: input.windowSec,
      forSec: input.forSec,
      severity: input.severity,
      channels: JSON.stringify([...new Set(input.channels)]),
      repeatSec: input.repeatSec ?? DEFAULT_REPEAT_SEC[input.severity],
      noData: input.noData,
      slo: input.slo ?? null,
      enabled: input.enabled,
    },
  });
  await recordAudit(db, {
    actor,
    action: 'alert_rule.create',
    target: `alert_rule:${row.id}`,
    projectId,
    details: { name: row.name },
  });
  return ruleView(row);
}

export async function getRule(db: Db, projectId: string, id: string): Promise<RuleRow> {
  const row = await db.alertRule.findFirst({ where: { id, projectId } });
  if (!row) throw notFound('no such alert rule in this project');
  return row;
}

export async function listRules(db: Db, projectId: string): Promise<RuleView[]> {
  return (await db.alertRule.findMany({ where: { projectId }, orderBy: { createdAt: 'asc' } })).map(ruleView);
}

export async function updateRule(db: Db, actor: string, projectId: string, id: string, input: RuleUpdate) {
  const current = await getRule(db, projectId, id);
  await checkChannels(db, projectId, input.channels);
  if (input.slo === undefined && current.type === 'burn_rate' && current.slo === null) {
    throw invalid('slo: burn-rate rules need an slo', { field: 'slo' });
  }
  const severity = (input.severity ?? current.severity) as Severity;
  const statistic = input.statistic ?? current.statistic;
  const metric = metricFor(statistic, input.metric ?? current.metric);
  const unitProblem = ratioThresholdProblem({
    type: current.type,
    metric,
    statistic,
    threshold: input.threshold ?? current.threshold,
    thresholdUnit: input.thresholdUnit !== undefined ? input.thresholdUnit : (current.thresholdUnit as ThresholdUnit),
  });
  if (unitProblem) throw invalid(`${unitProblem.path}: ${unitProblem.message}`, { field: unitProblem.path });
  const row = await db.alertRule.update({
    where: { id },
    data: {
      ...input,
      metric: input.metric !== undefined || input.statistic !== undefined ? metric : undefined,
      // The last value was in the old unit.
      ...(input.thresholdUnit !== undefined && input.thresholdUnit !== current.thresholdUnit
        ? { lastValue: null }
        : {}),
      filters: input.filters ? JSON.stringify(input.filters) : undefined,
      // A rule turned off stops being an alert: it starts afresh when turned on again.
      ...(input.enabled === false ? ALERT_RESET : {}),
      channels: input.channels ? JSON.stringify([...new Set(input.channels)]) : undefined,
      repeatSec: input.repeatSec ?? (input.severity ? DEFAULT_REPEAT_SEC[severity] : undefined),
    },
  });
  if (input.enabled === false && current.state === 'firing') {
    // Turned off while firing: its history says the alert ended here (annotations, the Observatory panel).
    await db.alertEvent.create({
      data: { projectId, ruleId: id, kind: 'resolved', value: current.lastValue, at: row.updatedAt },
    });
  }
  await recordAudit(db, {
    actor,
    action: 'alert_rule.update',
    target: `alert_rule:${id}`,
    projectId,
    details: { fields: Object.keys(input) },
  });
  return ruleView(row);
}

export async function deleteRule(db: Db, actor: string, projectId: string, id: string): Promise<void> {
  await getRule(db, projectId, id);
  await db.alertRule.delete({ where: { id } });
  await recordAudit(db, { actor, action: 'alert_rule.delete', target: `alert_rule:${id}`, projectId });
}

/** "https://hooks.slack.com/…(ends 3f9a)": enough to tell channels apart, nothing to reuse. */
function hint(secret: string): string {
  const tail = secret.slice(-4);
  try {
    const url = new URL(secret);
    return `${url.protocol}//${url.host}/${ELLIPSIS} (ends ${tail})`;
  } catch {
    return `${BULLET.repeat(4)} (ends ${tail})`;
  }
}

export async function createChannel(
  db: Db,
  actor: string,
  projectId: string,
  input: NewChannel,
  allow: AllowList,
): Promise<ChannelView> {
  let config: Record<string, unknown> = {};
  let secret: Record<string, string> = {};
  let secretHint = '';
  if (input.type === 'slack' || input.type === 'webhook') {
    const refused = refuseUrl(input.url, allow);
    if (refused) throw invalid(`url: ${refused}`, { field: 'url' });
    secret = { url: input.url };
    if (input.type === 'webhook' && input.hmacSecret) {
      secret.hmacSecret = input.hmacSecret;
      config = { signed: true };
    }
    secretHint = hint(input.url);
  } else if (input.type === 'pagerduty') {
    secret = { routingKey: input.routingKey };
    secretHint = hint(input.routingKey);
  } else {
    config = { to: [...new Set(input.to.map((a) => a.toLowerCase()))] };
  }
  const row = await db.alertChannel.create({
    data: {
      projectId,
      name: input.name,
      type: input.type,
      config: JSON.stringify(config),
      secret: JSON.stringify(secret),
      secretHint,
    },
  });
  await recordAudit(db, {
    actor,
    action: 'alert_channel.create',
    target: `alert_channel:${row.id}`,
    projectId,
    details: { name: row.name, type: row.type },
  });
  return channelView(row);
}

export async function getChannel(db: Db, projectId: string, id: string): Promise<ChannelRow> {
  const row = await db.alertChannel.findFirst({ where: { id, projectId } });
  if (!row) throw notFound('no such channel in this project');
  return row;
}

export async function listChannels(db: Db, projectId: string): Promise<ChannelView[]> {
  return (await db.alertChannel.findMany({ where: { projectId }, orderBy: { createdAt: 'asc' } })).map(channelView);
}

export async function deleteChannel(db: Db, actor: string, projectId: string, id: string): Promise<void> {
  await getChannel(db, projectId, id);
  await db.alertChannel.delete({ where: { id } });
  // Rules stop naming it.
  const rules = await db.alertRule.findMany({ where: { projectId, channels: { contains: id } } });
  for (const r of rules) {
    const ids = (JSON.parse(r.channels) as string[]).filter((c) => c !== id);
    await db.alertRule.update({ where: { id: r.id }, data: { channels: JSON.stringify(ids) } });
  }
  await recordAudit(db, { actor, action: 'alert_channel.delete', target: `alert_channel:${id}`, projectId });
}

export async function deliveries(db: Db, projectId: string, channelId: string, limit = 50) {
  await getChannel(db, projectId, channelId);
  return db.alertNotification.findMany({
    where: { projectId, channelId },
    orderBy: { createdAt: 'desc' },
    take: limit,
  });
}

export async function createSilence(db: Db, actor: string, projectId: string, input: NewSilence) {
  if (input.ruleId) await getRule(db, projectId, input.ruleId);
  const row = await db.alertSilence.create({
    data: {
      projectId,
      ruleId: input.ruleId ?? null,
      matchers: JSON.stringify(input.matchers),
      startsAt: input.startsAt ? new Date(input.startsAt) : new Date(),
      endsAt: new Date(input.endsAt),
      comment: input.comment,
      createdBy: actor,
    },
  });
  await recordAudit(db, { actor, action: 'alert_silence.create', target: `alert_silence:${row.id}`, projectId });
  return silenceView(row);
}

export async function listSilences(db: Db, projectId: string) {
  return (await db.alertSilence.findMany({ where: { projectId }, orderBy: { endsAt: 'desc' } })).map(silenceView);
}

/** Ends a silence now (kept for history). */
export async function expireSilence(db: Db, actor: string, projectId: string, id: string) {
  const row = await db.alertSilence.findFirst({ where: { id, projectId } });
  if (!row) throw notFound('no such silence in this project');
  const now = new Date();
  const updated = await db.alertSilence.update({
    where: { id },
    data: { endsAt: row.endsAt < now ? row.endsAt : now, startsAt: row.startsAt > now ? now : row.startsAt },
  });
  await recordAudit(db, { actor, action: 'alert_silence.expire', target: `alert_silence:${id}`, projectId });
  return silenceView(updated);
}

export async function history(db: Db, projectId: string, limit = 100) {
  return db.alertEvent.findMany({ where: { projectId }, orderBy: { at: 'desc' }, take: limit });
}
