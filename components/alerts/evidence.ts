/**
 * Where an alert's evidence is: the view that shows its metric, over the time it fired. A rule on
 * a route's requests opens that route's page (or the Endpoints list searched for it when the rule
 * does not name service and method too); a Web Vitals rule opens Web Vitals with its page and
 * device; anything else the Observatory. The period spans the alert with an hour before it (what
 * led up to it) and a quarter of an hour after it ended, or up to now while it fires.
 */
import { RED_METRICS } from '@/lib/metrics/red';
import { DEVICES, WEB_VITALS } from '@/lib/metrics/web-vitals';
import { endpointsView, endpointView, observatoryView, webVitalsView, type ViewState } from '@/lib/views';

const BEFORE_MS = 3_600_000;
const AFTER_MS = 15 * 60_000;
const MINUTE_MS = 60_000;

const REQUEST_METRICS = new Set<string>(Object.values(RED_METRICS));
const VITAL_METRICS = new Set<string>(Object.values(WEB_VITALS).map((v) => v.metric));

export type Evidence = { href: string; label: string };

/**
 * The view and period that show an alert of `rule` that started at `from` and ended at `to`
 * (null: still firing, up to `now`).
 */
export function evidenceFor(
  rule: { metric: string; filters: Record<string, string> },
  projectSlug: string,
  { from, to, now = Date.now() }: { from: number; to: number | null; now?: number },
): Evidence {
  const end = Math.min(to === null ? now : to + AFTER_MS, now);
  const shared: ViewState = {
    project: projectSlug,
    period: 'custom',
    from: Math.floor((from - BEFORE_MS) / MINUTE_MS) * MINUTE_MS,
    to: Math.max(Math.ceil(end / MINUTE_MS) * MINUTE_MS, from + MINUTE_MS),
    compare: false,
  };
  const f = rule.filters;
  if (REQUEST_METRICS.has(rule.metric)) {
    if (f.route && f.service && f.method) {
      return {
        href: `/endpoints/route?${endpointView.search({ ...shared, service: f.service, method: f.method, route: f.route })}`,
        label: `${f.method} ${f.route} at the time`,
      };
    }
    if (f.route || f.service || f.method) {
      return {
        href: `/endpoints?${endpointsView.search({ ...shared, service: f.service ?? null, method: f.method ?? null, q: f.route ?? null })}`,
        label: f.route ? `Routes matching ${f.route} at the time` : 'Routes at the time',
      };
    }
    return { href: `/?${observatoryView.search(shared)}`, label: 'Overview at the time' };
  }
  if (VITAL_METRICS.has(rule.metric)) {
    const device = DEVICES.find((d) => d === f.device) ?? null;
    return {
      href: `/web-vitals?${webVitalsView.search({ ...shared, route: f.route ?? null, device })}`,
      label: 'Web Vitals at the time',
    };
  }
  return { href: `/?${observatoryView.search(shared)}`, label: 'Overview at the time' };
}
