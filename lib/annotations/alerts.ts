/**
 * The alert source: when each of a project's alert rules was firing, from its stored history
 * (AlertEvent rows, lib/alerts/evaluate.ts): a `firing` event opens a span, the rule's next
 * `resolved` closes it. A span that opened before the range is found from each rule's last
 * firing and resolution before it; one open at the range's end is closed by the rule's next event
 * after it, else it is ongoing while its rule fires (`to` null), and otherwise ended when its
 * rule was last changed (rules turned off before that was recorded as a resolution). Events of
 * deleted rules are left out: there is nothing left to link to.
 */
import type { Db } from '../db/client';
import type { TimeRange } from '../views/period';
import type { Annotation, AnnotationTone } from './types';

/** Events read within one range at most; a rule flapping past this many is cut to the latest. */
export const MAX_ALERT_EVENTS = 5_000;

const SPAN_KINDS = ['firing', 'resolved'];

const TONE: Record<string, AnnotationTone> = { critical: 'poor', high: 'poor', medium: 'warn', low: 'neutral' };

type Rule = { id: string; name: string; severity: string; state: string; updatedAt: Date };
type Span = { id: string; rule: Rule; startedAt: number; endedAt: number | null };

function annotation(span: Span, projectId: string, range: TimeRange): Annotation {
  const { rule } = span;
  const query = new URLSearchParams({ project: projectId, rule: rule.id });
  return {
    id: `alert:${span.id}`,
    kind: 'alert',
    title: rule.name,
    severity: rule.severity,
    tone: TONE[rule.severity] ?? 'neutral',
    from: Math.max(span.startedAt, range.from),
    to: span.endedAt === null ? null : Math.min(span.endedAt, range.to),
    startedAt: span.startedAt,
    endedAt: span.endedAt,
    href: `/alerts?${query}#rule-${rule.id}`,
  };
}

export async function alertAnnotations(db: Db, projectId: string, range: TimeRange): Promise<Annotation[]> {
  const rules: Rule[] = await db.alertRule.findMany({
    where: { projectId },
    select: { id: true, name: true, severity: true, state: true, updatedAt: true },
  });
  if (!rules.length) return [];
  const from = new Date(range.from);
  const to = new Date(range.to);
  const [lastFiring, lastResolved, events] = await Promise.all([
    db.alertEvent.groupBy({
      by: ['ruleId'],
      where: { projectId, kind: 'firing', at: { lt: from } },
      _max: { at: true },
    }),
    db.alertEvent.groupBy({
      by: ['ruleId'],
      where: { projectId, kind: 'resolved', at: { lt: from } },
      _max: { at: true },
    }),
    db.alertEvent.findMany({
      where: { projectId, kind: { in: SPAN_KINDS }, at: { gte: from, lte: to } },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: MAX_ALERT_EVENTS,
      select: { id: true, ruleId: true, kind: true, at: true },
    }),
  ]);
  events.reverse();

  const byId = new Map(rules.map((r) => [r.id, r]));
  const resolvedBefore = new Map(lastResolved.map((g) => [g.ruleId, g._max.at?.getTime() ?? -Infinity]));
  const open = new Map<string, Span>();
  const openAtStart = lastFiring.filter((g) => {
    const at = g._max.at?.getTime();
    return byId.has(g.ruleId) && at !== undefined && at > (resolvedBefore.get(g.ruleId) ?? -Infinity);
  });
  // The firing events themselves, for their ids: a span keeps its id whatever range reads it.
  const opened = await Promise.all(
    openAtStart.map((g) =>
      db.alertEvent.findFirst({
        where: { projectId, ruleId: g.ruleId, kind: 'firing', at: g._max.at! },
        orderBy: { id: 'desc' },
        select: { id: true, ruleId: true, at: true },
      }),
    ),
  );
  for (const e of opened) {
    if (e) open.set(e.ruleId, { id: e.id, rule: byId.get(e.ruleId)!, startedAt: e.at.getTime(), endedAt: null });
  }

  const spans: Span[] = [];
  for (const e of events) {
    const rule = byId.get(e.ruleId);
    if (!rule) continue;
    const at = e.at.getTime();
    const current = open.get(rule.id);
    if (e.kind === 'firing') {
      // A firing while one is open: its resolution went unrecorded; it ended by this one at the latest.
      if (current) spans.push({ ...current, endedAt: at });
      open.set(rule.id, { id: e.id, rule, startedAt: at, endedAt: null });
    } else if (current) {
      spans.push({ ...current, endedAt: at });
      open.delete(rule.id);
    }
  }
  // Spans open at the range's end: ended by the rule's next event after it, if there is one.
  const next = await Promise.all(
    [...open.values()].map((span) =>
      db.alertEvent.findFirst({
        where: { projectId, ruleId: span.rule.id, kind: { in: SPAN_KINDS }, at: { gt: to } },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        select: { at: true },
      }),
    ),
  );
  [...open.values()].forEach((span, i) => {
    const after = next[i];
    let endedAt: number | null;
    if (after) endedAt = after.at.getTime();
    else if (span.rule.state === 'firing') endedAt = null;
    else endedAt = Math.max(span.rule.updatedAt.getTime(), span.startedAt);
    spans.push({ ...span, endedAt });
  });
  return spans
    .filter((s) => s.startedAt <= range.to && (s.endedAt === null || s.endedAt >= range.from))
    .map((s) => annotation(s, projectId, range));
}
