/**
 * The demo's incident in the alert history: once its data is written, the project's default rules
 * are evaluated minute by minute over the incident, as the alerts job would have evaluated them
 * then (lib/alerts/evaluate.ts `replay`), so "Error rate above 5%" and the others fire and resolve
 * in Alerts and mark the charts. The rules stay off until then, so the live job does not evaluate
 * them at the same time; they are turned on afterwards. Nothing is sent: the demo has no channels.
 */
import type { Db } from '../db/client';
import { AlertEvaluator, ensureSeedRules } from '../alerts/evaluate';
import { parseAllowList } from '../outbound/allow';
import { MINUTE_MS } from '../time';

/** Evaluations start this long before the incident and end this long after it. */
const BEFORE_MS = 10 * MINUTE_MS;
const AFTER_MS = 20 * MINUTE_MS;

// No channel is evaluated (replay skips rules with channels), so no delivery setting is ever used.
const NO_DELIVERIES = {
  intervalMs: MINUTE_MS,
  allow: parseAllowList(''),
  attempts: 1,
  baseDelayMs: 0,
  maxDelayMs: 0,
  pagerdutyUrl: 'https://events.pagerduty.com/v2/enqueue',
  externalUrl: 'http://localhost',
  smtp: { host: undefined, port: 587, secure: false, user: undefined, password: undefined, from: 'demo@localhost' },
};

/** Creates the project's default rules, off, before its history is written. */
export async function holdDefaultRules(db: Db, projectId: string): Promise<void> {
  await ensureSeedRules(db, projectId);
  await db.alertRule.updateMany({ where: { projectId }, data: { enabled: false } });
}

/** Replays the rules over the incident (within the data, up to `end`), then turns them on. */
export async function replayIncident(
  db: Db,
  projectId: string,
  incident: { from: number; to: number },
  end: number,
): Promise<void> {
  const times: number[] = [];
  const first = Math.floor((incident.from - BEFORE_MS) / MINUTE_MS) * MINUTE_MS;
  for (let t = first; t <= Math.min(incident.to + AFTER_MS, end); t += MINUTE_MS) times.push(t);
  await new AlertEvaluator(db, NO_DELIVERIES).replay(projectId, times);
  await db.alertRule.updateMany({ where: { projectId }, data: { enabled: true } });
}
