/**
 * The optimizer's detectors: pure functions from what the stored data says about a project over
 * a window (route profiles, Web Vitals per page with their attribution, CPU by hour) to findings.
 * Each finding carries the numbers it came from, the rule that fired (with its thresholds), a link
 * to the view that shows the evidence over the same window, an impact estimated from the
 * project's own data, concrete steps, and a severity in the detector's own measure that ranks it.
 * No database here: lib/optimizer/run.ts reads, these decide, lib/optimizer/store.ts keeps.
 */
import { GREATER_OR_EQUAL, RIGHT_ARROW } from '../chars';
import type { Goals } from '../goals/definitions';
import type { RouteProfile } from '../queries/route-profiles';
import type { VitalBreakdownRow, WorstPage } from '../queries/web-vitals/types';
import type { Range } from '../rollup/series';
import { endpointView } from '../views/endpoint';
import { observatoryView } from '../views/observatory';
import type { ViewState } from '../views/period';
import { webVitalsView } from '../views/web-vitals';
import { WEB_VITALS, type WebVital } from '../metrics/web-vitals';
import type { Thresholds } from './thresholds';

export const DETECTORS = {
  'slow-route': "Slow routes: p95 over the project's goal, ranked by user time lost",
  'error-prone': 'Error-prone routes: 5xx share over the threshold',
  'db-bound': 'Database-bound routes: most of the time is spent in the database',
  'n-plus-one': 'N+1 suspects: many queries per request whose database time grows with them',
  'cache-hit-rate': 'Low cache hit rate per route',
  'large-response': 'Large responses',
  'web-vital': 'Pages with poor Core Web Vitals, with the cause from their attribution',
  'cpu-sustained': "Sustained CPU over the project's goal",
} as const;
export type DetectorKey = keyof typeof DETECTORS;

export const CATEGORIES = ['performance', 'reliability', 'cost'] as const;
export type Category = (typeof CATEGORIES)[number];
export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const TARGET_KINDS = ['route', 'page', 'service', 'host', 'project'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export type Evidence = {
  /** The numbers it came from, by name (units in the name: `p95Ms`, `errorRate`, `bytesPerDay`). */
  numbers: Record<string, number | string | null>;
  period: Range;
  /** The rule that fired, with its thresholds. */
  rule: string;
  /** The view that shows the numbers over the period. */
  href: string;
};

/** What fixing it is predicted to gain: a quantity per day in a unit, and the words. */
export type Impact = {
  /** What the prediction measures, e.g. `userTimeMsPerDay`, `failedRequestsPerDay`, `p75Ms`. */
  metric: string;
  /** Its value now and predicted after the fix. */
  now: number;
  predicted: number;
  unit: string;
  /** How the prediction is made. */
  model: string;
  summary: string;
};

export type Finding = {
  detector: DetectorKey;
  category: Category;
  priority: Priority;
  target: { kind: TargetKind; name: string };
  title: string;
  evidence: Evidence;
  impact: Impact;
  steps: string[];
  severity: number;
};

export type CpuHost = {
  /** The host, service or `all` the series stand for. */
  name: string;
  /** Hourly means in per cent; null where the hour has no samples. */
  hourly: (number | null)[];
};

export type DetectionInput = {
  /** The project's slug (links). */
  project: string;
  range: Range;
  goals: Goals;
  thresholds: Thresholds;
  routes: readonly RouteProfile[];
  /** Web Vitals per page (p75) and the worst pages' attribution; empty without beacons. */
  pages: readonly VitalBreakdownRow[];
  worstPages: readonly WorstPage[];
  cpu: readonly CpuHost[];
};

const DAY_MS = 86_400_000;

// Words for numbers in titles and summaries (the page formats the evidence itself).
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)} s` : `${Math.round(v)} ms`);
const pct = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`;
const count = (v: number) => Math.round(v).toLocaleString('en');
const hours = (msValue: number) => {
  const h = msValue / 3_600_000;
  return h >= 10 ? `${Math.round(h)}` : h >= 1 ? h.toFixed(1) : h.toFixed(2);
};
const bytes = (v: number) =>
  v >= 1e9 ? `${(v / 1e9).toFixed(1)} GB` : v >= 1e6 ? `${(v / 1e6).toFixed(1)} MB` : `${Math.round(v / 1e3)} KB`;

function shared(input: DetectionInput): ViewState {
  return { project: input.project, period: 'custom', from: input.range.from, to: input.range.to, compare: true };
}

const routeName = (r: RouteProfile) => `${r.service} ${r.method} ${r.route}`;
const routeHref = (input: DetectionInput, r: RouteProfile) =>
  `/endpoints/route?${endpointView.search({ ...shared(input), service: r.service, method: r.method, route: r.route })}`;

function routeFinding(
  input: DetectionInput,
  r: RouteProfile,
  f: Omit<Finding, 'target' | 'evidence'> & { numbers: Evidence['numbers']; rule: string },
): Finding {
  const { numbers, rule, ...rest } = f;
  return {
    ...rest,
    target: { kind: 'route', name: routeName(r) },
    evidence: {
      numbers: { requests: r.requests, p95Ms: r.p95, ...numbers },
      period: input.range,
      rule,
      href: routeHref(input, r),
    },
  };
}

export function detect(input: DetectionInput): Finding[] {
  const perDay = DAY_MS / (input.range.to - input.range.from);
  const t = input.thresholds;
  const out: Finding[] = [];
  const judged = input.routes.filter((r) => r.requests >= t.minRequests);

  const p95Goal = input.goals.p95;
  for (const r of judged) {
    // Slow: p95 over the goal; the time beyond the goal's target is what users wait for nothing.
    if (r.p95 !== null && r.p95 > p95Goal.target) {
      const lostPerDay = r.excessMs * perDay;
      const critical = r.p95 > p95Goal.critical;
      out.push(
        routeFinding(input, r, {
          detector: 'slow-route',
          category: 'performance',
          priority: critical
            ? lostPerDay >= 3_600_000
              ? 'critical'
              : 'high'
            : lostPerDay >= 3_600_000
              ? 'high'
              : 'medium',
          title: `${r.method} ${r.route} answers in ${ms(r.p95)} at p95 (goal ${ms(p95Goal.target)})`,
          numbers: {
            p50Ms: r.p50,
            p99Ms: r.p99,
            goalMs: p95Goal.target,
            criticalMs: p95Goal.critical,
            overGoal: r.overBudget,
            userTimeLostMsPerDay: Math.round(lostPerDay),
          },
          rule: `p95 > the p95 goal's target (${p95Goal.target} ms); critical past ${p95Goal.critical} ms`,
          impact: {
            metric: 'userTimeLostMsPerDay',
            now: Math.round(lostPerDay),
            predicted: 0,
            unit: 'ms a day',
            model:
              'every request slower than the goal brought down to it: the time beyond the goal, summed from the duration sketch, per day',
            summary: `p95 ${ms(r.p95)} ${RIGHT_ARROW} ${ms(p95Goal.target)} goal saves ${hours(lostPerDay)} user-hours a day`,
          },
          steps: [
            "Open the route's slowest kept requests and compare their database time with their total time.",
            'Cache or precompute what the route reads on every request; move work users do not wait for (emails, logging, third-party calls) off the request path.',
            'Page or limit large result sets, and add indexes for the queries the slowest requests run.',
          ],
          severity: lostPerDay,
        }),
      );
    }

    // Error-prone: 5xx share over the threshold.
    const errorRate = r.errors / r.requests;
    if (r.errors > 0 && errorRate >= t.errorRate) {
      const failedPerDay = r.errors * perDay;
      out.push(
        routeFinding(input, r, {
          detector: 'error-prone',
          category: 'reliability',
          priority: errorRate >= 10 * t.errorRate ? 'critical' : errorRate >= 5 * t.errorRate ? 'high' : 'medium',
          title: `${r.method} ${r.route} fails ${pct(errorRate)} of requests with a 5xx`,
          numbers: { errors: r.errors, errorRate, threshold: t.errorRate },
          rule: `5xx ÷ requests ${GREATER_OR_EQUAL} errorRate (${pct(t.errorRate)}); high at 5×, critical at 10×`,
          impact: {
            metric: 'failedRequestsPerDay',
            now: Math.round(failedPerDay),
            predicted: 0,
            unit: 'requests a day',
            model: "the route's 5xx answers over the window, per day",
            summary: `${count(failedPerDay)} failed requests a day avoided`,
          },
          steps: [
            "Open the route's latest failed requests: their exact status and instance say whether one process or every one fails.",
            "Look for the error in the service's logs or Sentry at those times; a deploy just before the rise points at the change.",
            'Add a retry with backoff for transient dependency errors, and answer 4xx for bad input instead of 5xx.',
          ],
          severity: failedPerDay,
        }),
      );
    }

    // Database: share of the time, and many queries per request whose time grows with them.
    if (r.db && r.db.requests > 0 && r.timeMs > 0) {
      const dbPerRequest = r.db.timeMs / r.db.requests;
      const share = r.db.timeMs / r.timeMs;
      const queriesPerRequest = r.queries && r.queries.requests > 0 ? r.queries.total / r.queries.requests : null;
      const dbPerDay = r.db.timeMs * perDay;
      if (share >= t.dbShare) {
        out.push(
          routeFinding(input, r, {
            detector: 'db-bound',
            category: 'performance',
            priority: share >= 0.8 && r.p95 !== null && r.p95 > p95Goal.target ? 'high' : 'medium',
            title: `${r.method} ${r.route} spends ${pct(share)} of its time in the database`,
            numbers: {
              dbShare: share,
              dbMsPerRequest: dbPerRequest,
              queriesPerRequest,
              dbTimeMsPerDay: Math.round(dbPerDay),
              threshold: t.dbShare,
            },
            rule: `database time ÷ request time ${GREATER_OR_EQUAL} dbShare (${pct(t.dbShare)})`,
            impact: {
              metric: 'dbTimeMsPerDay',
              now: Math.round(dbPerDay),
              predicted: Math.round(dbPerDay / 2),
              unit: 'ms a day',
              model: "halving the route's database time (an index, a narrower query, a cache in front)",
              summary: `halving its database time saves ${hours(dbPerDay / 2)} user-hours a day`,
            },
            steps: [
              "Find the route's slowest queries (the database's slow-query log or pg_stat_statements) and EXPLAIN them.",
              'Add the index they miss, select only the columns used, and cache results that change rarely.',
            ],
            severity: dbPerDay / 2,
          }),
        );
      }
      if (queriesPerRequest !== null && queriesPerRequest >= t.nPlusOneQueries && dbPerRequest >= t.nPlusOneDbMs) {
        const r2 = r.queriesDbCorrelation;
        const grows = r2 !== null && r2 >= 0.5;
        // Batched into one query per request, the time of all but one of them goes.
        const saved = dbPerDay * (1 - 1 / queriesPerRequest);
        out.push(
          routeFinding(input, r, {
            detector: 'n-plus-one',
            category: 'performance',
            priority: grows ? 'high' : 'medium',
            title: `${r.method} ${r.route} runs ${queriesPerRequest.toFixed(1)} queries per request: an N+1 suspect`,
            numbers: {
              queriesPerRequest,
              dbMsPerRequest: dbPerRequest,
              queriesDbCorrelation: r2,
              thresholdQueries: t.nPlusOneQueries,
              thresholdDbMs: t.nPlusOneDbMs,
            },
            rule:
              `queries per request ${GREATER_OR_EQUAL} ${t.nPlusOneQueries} and database time per request ${GREATER_OR_EQUAL} ${t.nPlusOneDbMs} ms` +
              (grows ? `; hour by hour, database time grows with the queries (r ${GREATER_OR_EQUAL} 0.5): high` : ''),
            impact: {
              metric: 'dbTimeMsPerDay',
              now: Math.round(dbPerDay),
              predicted: Math.round(dbPerDay - saved),
              unit: 'ms a day',
              model: 'the queries of a request batched into one, costing what one of them does now',
              summary: `batching its queries saves ${hours(saved)} user-hours a day`,
            },
            steps: [
              'Look for a loop that queries once per item (an ORM relation read inside a map, a lazy association).',
              "Load the items' relations in one query (a join, an IN list, the ORM's include/prefetch) or batch them with a DataLoader.",
            ],
            severity: saved,
          }),
        );
      }
    }

    // Cache: hit rate per route.
    if (r.cache) {
      const lookups = r.cache.hits + r.cache.misses;
      const rate = r.cache.hits / lookups;
      if (lookups >= t.minCacheLookups && rate < t.cacheHitRate) {
        const avoided = Math.max(0, (t.cacheTarget - rate) * lookups * perDay);
        out.push(
          routeFinding(input, r, {
            detector: 'cache-hit-rate',
            category: 'performance',
            priority: rate < t.cacheHitRateHigh ? 'high' : 'medium',
            title: `${r.method} ${r.route} hits its cache ${pct(rate)} of the time`,
            numbers: {
              hitRate: rate,
              hits: r.cache.hits,
              misses: r.cache.misses,
              threshold: t.cacheHitRate,
              target: t.cacheTarget,
            },
            rule: `hit rate < cacheHitRate (${pct(t.cacheHitRate)}); high below ${pct(t.cacheHitRateHigh)}`,
            impact: {
              metric: 'missesPerDay',
              now: Math.round(r.cache.misses * perDay),
              predicted: Math.round(r.cache.misses * perDay - avoided),
              unit: 'misses a day',
              model: `the hit rate raised to the target (${pct(t.cacheTarget)}) at today's lookups`,
              summary: `${pct(rate)} ${RIGHT_ARROW} ${pct(t.cacheTarget)} hit rate avoids ${count(avoided)} backend reads a day`,
            },
            steps: [
              'Check the cache key: per-user or per-request parts (timestamps, session ids, tracking parameters) make every key new.',
              'Lengthen the TTL where the data allows it, and warm the keys most requests ask for.',
            ],
            severity: avoided,
          }),
        );
      }
    }

    // Large responses: mean body size over the budget.
    if (r.responseBytes && r.responseBytes.requests > 0) {
      const mean = r.responseBytes.total / r.responseBytes.requests;
      if (mean >= t.largeResponseBytes) {
        const perDayBytes = r.responseBytes.total * perDay;
        const over = (mean - t.largeResponseBytes) * r.responseBytes.requests * perDay;
        out.push(
          routeFinding(input, r, {
            detector: 'large-response',
            category: 'cost',
            priority: mean >= 4 * t.largeResponseBytes ? 'high' : 'medium',
            title: `${r.method} ${r.route} sends ${bytes(mean)} per response`,
            numbers: { meanBytes: mean, bytesPerDay: Math.round(perDayBytes), threshold: t.largeResponseBytes },
            rule: `mean response body ${GREATER_OR_EQUAL} largeResponseBytes (${bytes(t.largeResponseBytes)})`,
            impact: {
              metric: 'bytesPerDay',
              now: Math.round(perDayBytes),
              predicted: Math.round(perDayBytes - over),
              unit: 'bytes a day',
              model: `every response brought down to the budget (${bytes(t.largeResponseBytes)})`,
              summary: `${bytes(over)} a day less to send at the ${bytes(t.largeResponseBytes)} budget`,
            },
            steps: [
              'Compress responses (gzip or brotli) if they are not, and leave out fields the clients do not use.',
              'Page lists, and send images and files by URL rather than inline.',
            ],
            severity: over / 1_000,
          }),
        );
      }
    }
  }

  out.push(...vitalFindings(input, perDay), ...cpuFindings(input));
  return out;
}

/** The advice for a page's vital from its attribution: the cause decides the steps. */
function vitalAdvice(vital: WebVital, worst: WorstPage | undefined): { cause: string; steps: string[] } {
  const a = worst?.attribution.find((x) => x.vital === vital);
  if (vital === 'LCP') {
    if (a?.url) {
      return {
        cause: `the LCP element is ${a.target?.value ?? 'an image'} loading ${a.url.value}`,
        steps: [
          `Preload ${a.url.value} (or give its element fetchpriority="high") and never lazy-load it.`,
          'Serve it compressed at the size it is shown (AVIF or WebP, srcset), from a CDN close to users.',
        ],
      };
    }
    return {
      cause: a?.target ? `the LCP element is ${a.target.value} (text, no resource)` : 'no attribution was recorded',
      steps: [
        "Render the LCP element in the server's HTML instead of after client-side JavaScript.",
        "Cut render-blocking CSS and scripts in the head, and the server's time to first byte.",
      ],
    };
  }
  if (vital === 'INP') {
    const p = a?.phases;
    const phases = p
      ? ([
          ['inputDelay', p.inputDelay],
          ['processing', p.processing],
          ['presentation', p.presentation],
        ] as const)
      : [];
    const [phase] = [...phases].filter((x) => x[1] !== null).sort((x, y) => (y[1] ?? 0) - (x[1] ?? 0));
    const target = a?.target?.value ?? "the slowest interaction's target";
    if (phase?.[0] === 'inputDelay') {
      return {
        cause: `input delay dominates (${ms(phase[1]!)} median) on ${target}: the main thread is busy when users act`,
        steps: [
          'Break up long tasks that run while the page is in use (hydration, timers, third-party scripts): yield with scheduler.yield() or setTimeout.',
          'Load third-party scripts after the page is interactive.',
        ],
      };
    }
    if (phase?.[0] === 'presentation') {
      return {
        cause: `presentation dominates (${ms(phase[1]!)} median) on ${target}: the next frame takes long to draw`,
        steps: [
          'Render less after the interaction: smaller DOM updates, virtualised long lists, content-visibility for what is off screen.',
          'Avoid reading layout right after writing it (forced synchronous layout).',
        ],
      };
    }
    return {
      cause: phase
        ? `processing dominates (${ms(phase[1]!)} median) in ${target}'s handlers`
        : `slow interactions on ${target}`,
      steps: [
        `Make ${target}'s event handlers do only what the next frame shows; defer the rest (analytics, storage) with requestIdleCallback or after a yield.`,
        'Debounce input handlers that run on every keystroke.',
      ],
    };
  }
  return {
    cause: a?.target ? `the largest shift moves ${a.target.value}` : 'no attribution was recorded',
    steps: [
      `Reserve space for ${a?.target?.value ?? 'late content'} (width and height, or aspect-ratio) before it loads.`,
      "Never insert content above what is shown except in answer to a user's action; load web fonts with font-display: optional or size-adjusted fallbacks.",
    ],
  };
}

function vitalFindings(input: DetectionInput, perDay: number): Finding[] {
  const out: Finding[] = [];
  for (const page of input.pages) {
    if (page.samples < input.thresholds.minRequests) continue;
    for (const vital of ['LCP', 'INP', 'CLS'] as const) {
      const v = page.vitals[vital];
      if (v.value === null || (v.rating !== 'poor' && v.rating !== 'needs-improvement')) continue;
      const def = WEB_VITALS[vital];
      const good = def.good;
      const worst = input.worstPages.find((w) => w.key === page.key);
      const advice = vitalAdvice(vital, worst);
      const unitText = (x: number) => (vital === 'CLS' ? x.toFixed(2) : ms(x));
      const loadsPerDay = v.count * perDay;
      out.push({
        detector: 'web-vital',
        category: 'performance',
        priority: v.rating === 'poor' ? (loadsPerDay >= 1_000 ? 'critical' : 'high') : 'medium',
        target: { kind: 'page', name: `${page.key} ${vital}` },
        title: `${page.key}: ${vital} ${unitText(v.value)} at p75 is ${v.rating === 'poor' ? 'poor' : 'in need of improvement'}`,
        evidence: {
          numbers: {
            vital,
            p75: v.value,
            good,
            poor: def.poor,
            samples: v.count,
            cause: advice.cause,
          },
          period: input.range,
          rule: `p75 > good (${unitText(good)}); poor past ${unitText(def.poor)}`,
          href: `/web-vitals?${webVitalsView.search({ ...shared(input), route: page.key, device: null })}`,
        },
        impact: {
          metric: `p75${vital}`,
          now: v.value,
          predicted: good,
          unit: vital === 'CLS' ? '' : 'ms',
          model: 'the page brought to the good threshold for its page loads',
          summary: `p75 ${vital} ${unitText(v.value)} ${RIGHT_ARROW} ${unitText(good)} (good) for ${count(loadsPerDay)} page loads a day`,
        },
        steps: advice.steps,
        // Relative distance past good, weighted by page loads.
        severity: ((v.value - good) / good) * loadsPerDay,
      });
    }
  }
  return out;
}

function cpuFindings(input: DetectionInput): Finding[] {
  const goal = input.goals.cpu;
  const out: Finding[] = [];
  for (const host of input.cpu) {
    const known = host.hourly.filter((v): v is number => v !== null);
    if (known.length < 2) continue;
    const over = known.filter((v) => v > goal.target).length;
    const share = over / known.length;
    if (share < input.thresholds.sustainedShare) continue;
    const mean = known.reduce((a, b) => a + b, 0) / known.length;
    const peak = Math.max(...known);
    // Capacity that would bring the mean back to the goal: instances × mean ÷ goal.
    const factor = mean / goal.target;
    out.push({
      detector: 'cpu-sustained',
      category: 'cost',
      priority: mean > goal.critical ? 'high' : 'medium',
      target: { kind: host.name === 'all' ? 'project' : 'host', name: host.name },
      title: `CPU of ${host.name === 'all' ? 'the project' : host.name} stays over ${goal.target}% (${Math.round(mean)}% on average)`,
      evidence: {
        numbers: {
          meanPct: mean,
          peakPct: peak,
          hoursOver: over,
          hours: known.length,
          goalPct: goal.target,
          criticalPct: goal.critical,
        },
        period: input.range,
        rule: `hourly mean over the CPU goal (${goal.target}%) in at least ${pct(input.thresholds.sustainedShare)} of the hours`,
        href: `/?${observatoryView.search(shared(input))}`,
      },
      impact: {
        metric: 'meanCpuPct',
        now: mean,
        predicted: goal.target,
        unit: '%',
        model: "capacity raised by mean ÷ goal, or the busiest routes' work cut by as much",
        summary: `${Math.round(mean)}% ${RIGHT_ARROW} ${goal.target}% needs ${Math.round((factor - 1) * 100)}% more capacity, or as much less work`,
      },
      steps: [
        'See which routes spend the most time (Endpoints, sorted by time spent): their CPU-bound work is the first to cut.',
        `Or add capacity: about ${Math.round((factor - 1) * 100)}% more instances or CPUs brings the mean to the goal.`,
      ],
      severity: (mean - goal.target) * known.length,
    });
  }
  return out;
}
