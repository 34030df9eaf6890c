/**
 * The Observatory view's "Recent alerts" panel, from the project's rules and their history:
 * firings paired with their resolutions, still-firing ones first, the period respected, and
 * "not configured" (null) while no rule is enabled.
 */
import { describe, expect, it } from 'vitest';
import { recentAlerts, RECENT_ALERTS } from '@/components/observatory/recent-alerts';
import type { AlertEvent, AlertRule } from '@/lib/hooks/useAlerts';

const T = Date.UTC(2026, 10, 24, 10, 0);
const iso = (t: number) => new Date(t).toISOString();

function rule(id: string, fields: Partial<AlertRule> = {}): AlertRule {
  return {
    id,
    name: `Rule ${id}`,
    type: 'threshold',
    metric: 'http.server.duration',
    filters: {},
    statistic: 'p95',
    comparator: 'gt',
    threshold: 2000,
    thresholdUnit: null,
    windowSec: 300,
    forSec: 60,
    severity: 'high',
    channels: [],
    repeatSec: 900,
    noData: 'ok',
    slo: null,
    enabled: true,
    seedKey: null,
    state: 'inactive',
    pendingSince: null,
    firingSince: null,
    lastValue: null,
    lastEvalAt: null,
    lastError: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ...fields,
  };
}

let n = 0;
const event = (ruleId: string, kind: string, at: number): AlertEvent => ({
  id: `e${++n}`,
  ruleId,
  kind,
  value: 1,
  at: iso(at),
});
/** The API gives history newest first. */
const newestFirst = (events: AlertEvent[]) => [...events].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));

describe('recentAlerts', () => {
  const day = { from: T - 86_400_000, to: T };

  it('is null while no rule is enabled (or the rules are not loaded)', () => {
    expect(recentAlerts(undefined, [], day)).toBeNull();
    expect(recentAlerts([rule('a', { enabled: false })], [], day)).toBeNull();
    expect(recentAlerts([rule('a')], [], day)).toEqual([]);
  });

  it('pairs each firing with its resolution, lists firing ones first, and keeps the period', () => {
    const rules = [rule('a', { severity: 'critical', state: 'firing', firingSince: iso(T - 600_000) }), rule('b')];
    const events = newestFirst([
      event('b', 'pending', T - 3 * 86_400_000),
      event('b', 'firing', T - 3 * 86_400_000 + 60_000),
      event('b', 'resolved', T - 2 * 86_400_000), // before the period
      event('b', 'pending', T - 7_200_000),
      event('b', 'firing', T - 7_140_000),
      event('b', 'resolved', T - 3_600_000),
      event('a', 'pending', T - 660_000),
      event('a', 'firing', T - 600_000),
      event('gone', 'firing', T - 500_000), // a deleted rule
    ]);
    const alerts = recentAlerts(rules, events, day)!;
    expect(alerts.map((a) => [a.title, a.severity, a.startedAt, a.resolvedAt])).toEqual([
      ['Rule a', 'critical', T - 600_000, null],
      ['Rule b', 'high', T - 7_140_000, T - 3_600_000],
    ]);
  });

  it('lists a rule firing since before the history it was given', () => {
    const rules = [rule('a', { state: 'firing', firingSince: iso(T - 40 * 86_400_000) })];
    const alerts = recentAlerts(rules, [], day)!;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ title: 'Rule a', resolvedAt: null, startedAt: T - 40 * 86_400_000 });
  });

  it(`shows at most ${RECENT_ALERTS}, newest first`, () => {
    const rules = [rule('a')];
    const events: AlertEvent[] = [];
    for (let i = 0; i < 20; i++) {
      events.push(event('a', 'firing', T - (40 - 2 * i) * 60_000), event('a', 'resolved', T - (39 - 2 * i) * 60_000));
    }
    const alerts = recentAlerts(rules, newestFirst(events), day)!;
    expect(alerts).toHaveLength(RECENT_ALERTS);
    expect(alerts[0]!.startedAt).toBe(T - 2 * 60_000);
    expect(alerts.every((a, i) => i === 0 || a.startedAt < alerts[i - 1]!.startedAt)).toBe(true);
  });
});
