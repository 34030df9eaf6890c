import type { AlertEvent, AlertRule } from '@/lib/hooks/useAlerts';
import type { RecentAlert } from './RecentAlerts';

/** Alerts the panel lists at most. */
export const RECENT_ALERTS = 8;

/**
 * The panel's alerts from the project's rules and their history (newest first, as the API
 * gives it): each firing with its resolution, if any, kept when it overlaps the period or still
 * fires. Null when no rule is enabled: nothing is evaluated, so nothing could have fired.
 */
export function recentAlerts(
  rules: readonly AlertRule[] | undefined,
  events: readonly AlertEvent[] | undefined,
  range: { from: number; to: number },
): RecentAlert[] | null {
  if (!rules || !rules.some((r) => r.enabled)) return null;
  const byId = new Map(rules.map((r) => [r.id, r]));
  const open = new Map<string, RecentAlert>();
  const all: RecentAlert[] = [];
  for (const e of [...(events ?? [])].reverse()) {
    const rule = byId.get(e.ruleId);
    if (!rule) continue;
    const at = Date.parse(e.at);
    if (e.kind === 'firing' && !open.has(rule.id)) {
      const alert: RecentAlert = {
        id: e.id,
        severity: rule.severity,
        title: rule.name,
        startedAt: at,
        resolvedAt: null,
        rule,
      };
      open.set(rule.id, alert);
      all.push(alert);
    } else if (e.kind === 'resolved' && open.has(rule.id)) {
      open.get(rule.id)!.resolvedAt = at;
      open.delete(rule.id);
    }
  }
  // A rule firing since before the oldest event the history returned.
  for (const rule of rules) {
    if (rule.state === 'firing' && !open.has(rule.id) && rule.firingSince) {
      all.push({
        id: `rule:${rule.id}`,
        severity: rule.severity,
        title: rule.name,
        startedAt: Date.parse(rule.firingSince),
        resolvedAt: null,
        rule,
      });
    }
  }
  return all
    .filter((a) => a.resolvedAt === null || (a.resolvedAt >= range.from && a.startedAt <= range.to))
    .sort((a, b) => Number(a.resolvedAt !== null) - Number(b.resolvedAt !== null) || b.startedAt - a.startedAt)
    .slice(0, RECENT_ALERTS);
}
