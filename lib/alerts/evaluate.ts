/**
 * The evaluator: every turn (ALERTS_EVAL_INTERVAL_SECONDS) one instance runs it (the `alerts`
 * job holds its lease, lib/jobs), and each enabled rule is claimed for the turn (a conditional
 * update of its `claimedTurn`, atomic on SQLite and PostgreSQL), read (observe.ts), stepped
 * through the state machine (state.ts), stored, and its channels told (deliver.ts). The claim
 * stays as a second guard: it makes a turn idempotent, so a run on demand in a turn already
 * evaluated, or a run that lost its lease beside its successor, never evaluates a rule twice.
 * A rule whose evaluation fails records the error on itself and the others go on. Deliveries
 * run off the evaluation, one per channel, so a channel that is down delays nobody.
 */
import type { Db } from '../db/client';
import type { ChannelRecord, DeliveryOptions, DeliveryResult } from './deliver';
import { observe } from './observe';
import type { AlertKind, AlertView } from './payloads';
import { labelsOf } from './payloads';
import { DEFAULT_REPEAT_SEC, SEED_RULES, type Severity } from './rules';
import { ALERT_RESET, EPISODE_RESET, notification, step, type AlertState, type NoDataBehaviour } from './state';

export type EvaluatorOptions = DeliveryOptions & { intervalMs: number };

export type RunSummary = { evaluated: number; skipped: number; errors: number; notified: number };

type RuleRow = Awaited<ReturnType<Db['alertRule']['findFirstOrThrow']>>;
type SilenceRow = Awaited<ReturnType<Db['alertSilence']['findFirstOrThrow']>>;

const SEEDED_MARKER = 'alerts.seeded:';

/**
 * Creates the default rules of a project once: the marker and the rules are written in one
 * batch, so a second instance doing the same at the same time fails on the marker's key and
 * finds it there. The marker remembers it, so deleted default rules stay deleted.
 */
export async function ensureSeedRules(db: Db, projectId: string): Promise<void> {
  const marker = `${SEEDED_MARKER}${projectId}`;
  if (await db.instanceSetting.findUnique({ where: { key: marker } })) return;
  const existing = new Set(
    (await db.alertRule.findMany({ where: { projectId, seedKey: { not: null } }, select: { seedKey: true } })).map(
      (r) => r.seedKey,
    ),
  );
  try {
    await db.$transaction([
      db.instanceSetting.create({ data: { key: marker, value: new Date().toISOString() } }),
      ...SEED_RULES.filter((seed) => !existing.has(seed.seedKey)).map((seed) =>
        db.alertRule.create({
          data: { ...seed, projectId, repeatSec: seed.repeatSec ?? DEFAULT_REPEAT_SEC[seed.severity] },
        }),
      ),
    ]);
  } catch (err) {
    if (await db.instanceSetting.findUnique({ where: { key: marker } })) return;
    throw err;
  }
}

export function silenceMatches(
  silence: SilenceRow,
  rule: RuleRow,
  labels: Record<string, string>,
  now: number,
): boolean {
  if (silence.startsAt.getTime() > now || silence.endsAt.getTime() <= now) return false;
  if (silence.ruleId && silence.ruleId !== rule.id) return false;
  const matchers = JSON.parse(silence.matchers) as { name: string; value: string }[];
  return matchers.every((m) => Object.hasOwn(labels, m.name) && labels[m.name] === m.value);
}

function ruleLabels(rule: RuleRow, projectSlug: string): Record<string, string> {
  const filters = JSON.parse(rule.filters) as Record<string, string>;
  return labelsOf({
    ruleName: rule.name,
    severity: rule.severity as Severity,
    projectSlug,
    metric: rule.metric,
    statistic: rule.statistic,
    extraLabels: filters,
  });
}

export function alertView(rule: RuleRow, projectSlug: string, externalUrl: string, now: number): AlertView {
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    projectId: rule.projectId,
    projectSlug,
    severity: rule.severity as Severity,
    metric: rule.metric,
    statistic: rule.type === 'burn_rate' ? 'burn_rate' : rule.statistic,
    comparator: rule.comparator,
    threshold: rule.threshold,
    thresholdUnit: rule.thresholdUnit,
    value: rule.lastValue,
    startsAt: rule.firingSince ?? new Date(now),
    endsAt: rule.state === 'firing' ? null : new Date(now),
    url: `${externalUrl.replace(/\/+$/, '')}/alerts?rule=${encodeURIComponent(rule.id)}`,
    extraLabels: JSON.parse(rule.filters) as Record<string, string>,
  };
}

export class AlertStateError extends Error {
  override name = 'AlertStateError';
}

export class AlertEvaluator {
  private readonly inflight = new Set<Promise<DeliveryResult>>();

  constructor(
    private readonly db: Db,
    private readonly options: EvaluatorOptions,
  ) {}

  /** Resolves once every delivery started so far has ended (sent or failed). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  /** Sends a notification of `rule` to the given channels, one delivery each, not awaited. */
  notify(channels: ChannelRecord[], kind: AlertKind, view: AlertView): Promise<DeliveryResult>[] {
    return channels.map((channel) => {
      // Loaded on the first notification: a process that only evaluates (the demo loader's replay in
      // the CLI) never loads the outbound module and its server-only configuration.
      const p = import('./deliver').then(({ deliver }) => deliver(this.db, channel, kind, view, this.options));
      this.inflight.add(p);
      void p.finally(() => this.inflight.delete(p));
      return p;
    });
  }

  async channelsOf(rule: Pick<RuleRow, 'projectId' | 'channels'>): Promise<ChannelRecord[]> {
    const ids = JSON.parse(rule.channels) as string[];
    if (!ids.length) return [];
    return this.db.alertChannel.findMany({ where: { projectId: rule.projectId, id: { in: ids } } });
  }

  /**
   * Evaluates a project's rules, on or off, at each of `times` in order, as the job would have then:
   * for history written after the fact (the demo's incident), so its alerts are in the history and
   * on the charts. Turns are not claimed: the caller keeps the job away from these rules meanwhile
   * (they are off). Rules with channels are skipped: nothing is sent about the past.
   */
  async replay(projectId: string, times: readonly number[]): Promise<void> {
    const project = await this.db.project.findUniqueOrThrow({ where: { id: projectId }, select: { slug: true } });
    for (const now of times) {
      const rules = await this.db.alertRule.findMany({ where: { projectId }, orderBy: { createdAt: 'asc' } });
      for (const rule of rules) {
        if ((JSON.parse(rule.channels) as string[]).length === 0) await this.evaluateRule(rule, project.slug, [], now);
      }
    }
  }

  /** One turn; stops claiming rules once `signal` aborts (the run lost its lease). */
  async run(now = Date.now(), signal?: AbortSignal): Promise<RunSummary> {
    const db = this.db;
    const summary: RunSummary = { evaluated: 0, skipped: 0, errors: 0, notified: 0 };
    const unseeded = await db.project.findMany({ select: { id: true } });
    const markers = new Set(
      (await db.instanceSetting.findMany({ where: { key: { startsWith: SEEDED_MARKER } }, select: { key: true } })).map(
        (m) => m.key.slice(SEEDED_MARKER.length),
      ),
    );
    for (const p of unseeded) if (!markers.has(p.id)) await ensureSeedRules(db, p.id);

    const rules = await db.alertRule.findMany({
      where: { enabled: true },
      include: { project: { select: { slug: true } } },
      orderBy: { createdAt: 'asc' },
    });
    const turn = BigInt(Math.floor(now / this.options.intervalMs));
    const hasData = new Map<string, boolean>();
    const silences = new Map<string, SilenceRow[]>();
    for (const rule of rules) {
      if (signal?.aborted) break;
      if (rule.seedKey) {
        if (!hasData.has(rule.projectId)) {
          const any = await db.series.findFirst({ where: { projectId: rule.projectId }, select: { id: true } });
          hasData.set(rule.projectId, any !== null);
        }
        if (!hasData.get(rule.projectId)) {
          summary.skipped++;
          continue;
        }
      }
      const claimed = await db.alertRule.updateMany({
        where: { id: rule.id, claimedTurn: { lt: turn } },
        data: { claimedTurn: turn },
      });
      if (claimed.count !== 1) {
        summary.skipped++;
        continue;
      }
      if (!silences.has(rule.projectId)) {
        silences.set(
          rule.projectId,
          await db.alertSilence.findMany({ where: { projectId: rule.projectId, endsAt: { gt: new Date(now) } } }),
        );
      }
      try {
        const sent = await this.evaluateRule(rule, rule.project.slug, silences.get(rule.projectId)!, now);
        summary.evaluated++;
        if (sent) summary.notified++;
      } catch (err) {
        summary.errors++;
        const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
        await db.alertRule
          .update({ where: { id: rule.id }, data: { lastError: message, lastEvalAt: new Date(now) } })
          .catch(() => {});
        if (rule.lastError !== message) {
          await db.alertEvent
            .create({ data: { projectId: rule.projectId, ruleId: rule.id, kind: 'error', at: new Date(now) } })
            .catch(() => {});
        }
      }
    }
    return summary;
  }

  /**
   * Acknowledges a firing rule: repeats stop until it resolves; PagerDuty channels are told
   * (acknowledge event), the others need nothing.
   */
  async acknowledge(rule: RuleRow, projectSlug: string, actor: string, now = Date.now()): Promise<RuleRow> {
    if (rule.state !== 'firing') throw new AlertStateError('only a firing alert can be acknowledged');
    const updated = await this.db.alertRule.update({
      where: { id: rule.id },
      data: { acknowledgedAt: new Date(now), acknowledgedBy: actor },
    });
    await this.db.alertEvent.create({
      data: {
        projectId: rule.projectId,
        ruleId: rule.id,
        kind: 'acknowledged',
        value: rule.lastValue,
        at: new Date(now),
      },
    });
    const channels = (await this.channelsOf(rule)).filter((c) => c.type === 'pagerduty');
    if (rule.lastNotifiedAt)
      this.notify(channels, 'acknowledge', alertView(updated, projectSlug, this.options.externalUrl, now));
    return updated;
  }

  /** Resolves a firing or pending rule by hand; it fires again only after breaching anew. */
  async resolve(rule: RuleRow, projectSlug: string, now = Date.now()): Promise<RuleRow> {
    if (rule.state === 'inactive') throw new AlertStateError('this alert is not active');
    const updated = await this.db.alertRule.update({
      where: { id: rule.id },
      data: ALERT_RESET,
    });
    if (rule.state === 'firing') {
      await this.db.alertEvent.create({
        data: {
          projectId: rule.projectId,
          ruleId: rule.id,
          kind: 'resolved',
          value: rule.lastValue,
          at: new Date(now),
        },
      });
      if (rule.lastNotifiedAt) {
        const view = alertView({ ...rule, state: 'inactive' }, projectSlug, this.options.externalUrl, now);
        this.notify(await this.channelsOf(rule), 'resolved', view);
      }
    }
    return updated;
  }

  /** One rule, claimed by this instance for this turn. Returns whether it notified. */
  private async evaluateRule(
    rule: RuleRow,
    projectSlug: string,
    silences: SilenceRow[],
    now: number,
  ): Promise<boolean> {
    const db = this.db;
    const reading = await observe(
      db,
      {
        projectId: rule.projectId,
        type: rule.type,
        metric: rule.metric,
        filters: JSON.parse(rule.filters) as Record<string, string>,
        statistic: rule.statistic,
        comparator: rule.comparator,
        threshold: rule.threshold,
        thresholdUnit: rule.thresholdUnit,
        windowSec: rule.windowSec,
        slo: rule.slo,
      },
      now,
    );
    const current = {
      state: rule.state as AlertState,
      pendingSince: rule.pendingSince?.getTime() ?? null,
      firingSince: rule.firingSince?.getTime() ?? null,
    };
    const { next, transition } = step(
      current,
      reading.observation,
      rule.forSec * 1000,
      rule.noData as NoDataBehaviour,
      now,
    );
    const labels = ruleLabels(rule, projectSlug);
    const silenced = silences.some((s) => silenceMatches(s, rule, labels, now));
    const kind = notification({
      transition,
      state: next.state,
      lastNotifiedAt: rule.lastNotifiedAt?.getTime() ?? null,
      acknowledged: rule.acknowledgedAt !== null,
      silenced,
      repeatMs: rule.repeatSec * 1000,
      now,
    });
    const keepValue = reading.observation.kind === 'no_data' && rule.noData === 'keep_last';
    const updated = await db.alertRule.update({
      where: { id: rule.id },
      data: {
        state: next.state,
        pendingSince: next.pendingSince === null ? null : new Date(next.pendingSince),
        firingSince:
          next.firingSince === null
            ? transition === 'resolved'
              ? rule.firingSince
              : null
            : new Date(next.firingSince),
        lastValue: keepValue ? rule.lastValue : reading.value,
        lastEvalAt: new Date(now),
        lastError: null,
        ...(kind === 'firing' || kind === 'repeat' ? { lastNotifiedAt: new Date(now) } : {}),
        ...(transition === 'resolved' ? EPISODE_RESET : {}),
      },
    });
    if (transition && transition !== 'cleared') {
      await db.alertEvent.create({
        data: { projectId: rule.projectId, ruleId: rule.id, kind: transition, value: reading.value, at: new Date(now) },
      });
    }
    if (!kind) return false;
    const channels = await this.channelsOf(rule);
    this.notify(channels, kind, alertView(updated, projectSlug, this.options.externalUrl, now));
    if (transition === 'resolved') {
      // The episode is over: the next firing starts afresh.
      await db.alertRule.update({ where: { id: rule.id }, data: { firingSince: null } });
    }
    return channels.length > 0;
  }
}
