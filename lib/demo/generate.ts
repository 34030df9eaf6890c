/**
 * The demo's raw material, minute by minute: request records as a service would send them to
 * POST /api/v1/requests, and metric points as POST /api/v1/metrics takes them (web vitals,
 * infrastructure gauges every minute, business metrics). A shop at tens of requests a second at its
 * busiest hour, written as a few weighted records per route and minute (each stands for a share of
 * the minute's requests), so weeks stay quick to write. One seeded stream drawn in a fixed order:
 * the same seed and range give the same data.
 */
import { DEVICES, WEB_VITALS, type Device } from '../metrics';
import {
  DEMO_HOSTS,
  DEMO_METRICS,
  DEMO_PAGES,
  DEMO_QUEUES,
  DEMO_ROUTES,
  DEVICE_FACTOR,
  DEVICE_SHARE,
  type DemoRoute,
} from './catalog';
import { Random } from '../random';
import { trafficAt } from './traffic';

/** A request record in the shape of POST /api/v1/requests. */
export type RawRequest = {
  service: string;
  route: string;
  method: string;
  status: number;
  durationMs: number;
  dbTimeMs?: number;
  cacheHit?: boolean;
  requestBytes?: number;
  responseBytes?: number;
  instance?: string;
  ts: number;
  /** How many equal requests this one stands for (default 1). */
  weight?: number;
};

/** How a request ended: the demo draws each outcome's count on its own. */
type Outcome = 'ok' | 'client' | 'server' | 'incident';

/** Requests written per route, minute and outcome, at most (the rest are carried as weights). */
export type Reps = { ok: number; failed: number };
export const DEFAULT_REPS: Reps = { ok: 3, failed: 1 };

/** A point in the shape of POST /api/v1/metrics. */
export type RawPoint = {
  name: string;
  kind: 'distribution' | 'counter' | 'gauge';
  unit?: string;
  value: number;
  ts: number;
  tags?: Record<string, string>;
};

/** Requests per unit of route weight per minute at full traffic: about 25 a second at the busiest hour. */
const REQUEST_RATE = 40;
/** Page views with vitals per minute at full traffic. */
const VITALS_RATE = 2.5;
const INCIDENT_SLOWDOWN = 4.5;
const INCIDENT_ERROR_RATE = 0.28;
const BASELINE_SERVER_ERROR_RATE = 0.001;
const GIB = 1024 ** 3;

const round = (value: number, digits = 1) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function metric(key: keyof typeof DEMO_METRICS, ts: number, value: number, tags?: Record<string, string>): RawPoint {
  const { name, kind, unit } = DEMO_METRICS[key];
  return { name, kind, ...(unit && { unit }), value, ts, ...(tags && { tags }) };
}

export class DemoGenerator {
  private readonly rng: Random;
  private readonly memory = new Map<string, number>();
  private orderBacklog = 0;

  constructor(
    seed: number,
    private readonly incident: { from: number; to: number },
  ) {
    this.rng = new Random(seed);
    for (const host of DEMO_HOSTS) this.memory.set(host, 1.1 * GIB);
  }

  private inIncident(ts: number): boolean {
    return ts >= this.incident.from && ts < this.incident.to;
  }

  /**
   * Everything that happened in the minute starting at `minute` (ms, minute-aligned). Requests of a
   * route come in outcomes (served, client error, server error, the incident's failures), each a
   * Poisson count, which splits a Poisson stream exactly; each outcome's count is written as at
   * most `reps.ok` (served) or `reps.failed` requests weighing a share of it, so a shop at tens of
   * requests a second loads fast.
   */
  minute(minute: number, reps: Reps = DEFAULT_REPS): { requests: RawRequest[]; points: RawPoint[] } {
    const rng = this.rng;
    const traffic = trafficAt(minute) * (1 + 0.08 * rng.normal());
    const requests: RawRequest[] = [];
    for (const route of DEMO_ROUTES) {
      const mean = route.steady ? route.weight : route.weight * Math.max(0.02, traffic) * REQUEST_RATE;
      const incident = route.incident === true && this.inIncident(minute);
      const server = incident ? INCIDENT_ERROR_RATE : BASELINE_SERVER_ERROR_RATE;
      const client = route.clientError?.rate ?? 0;
      const outcomes: [Outcome, number][] = [
        ['ok', mean * (1 - server - client)],
        ['client', mean * client],
        [incident ? 'incident' : 'server', mean * server],
      ];
      for (const [outcome, expected] of outcomes) {
        const n = rng.poisson(expected);
        const k = Math.min(n, outcome === 'ok' ? reps.ok : reps.failed);
        // Whole weights that add up to n: the first n mod k weigh one more.
        for (let i = 0; i < k; i++) {
          const record = this.request(route, minute, traffic, outcome);
          const weight = Math.floor(n / k) + (i < n % k ? 1 : 0);
          if (weight !== 1) record.weight = weight;
          requests.push(record);
        }
      }
    }
    const points = [...this.vitals(minute, traffic), ...this.infrastructure(minute, traffic)];
    points.push(...this.business(minute, traffic));
    return { requests, points };
  }

  private request(route: DemoRoute, minute: number, traffic: number, outcome: Outcome): RawRequest {
    const rng = this.rng;
    const ts = minute + rng.int(0, 59_999);
    const incident = route.incident === true && this.inIncident(ts);
    let status = 200;
    let duration = rng.lognormal(route.medianMs * (1 + 0.25 * traffic), route.sigma);
    if (incident) duration *= INCIDENT_SLOWDOWN;
    const cacheHit =
      route.cacheHit === undefined ? undefined : rng.chance(incident ? route.cacheHit / 2 : route.cacheHit);
    if (cacheHit) duration *= 0.55;
    if (outcome === 'incident') {
      // Pool exhausted: refused at once (503), or waited for a connection until the timeout (504).
      status = rng.chance(0.5) ? 503 : rng.chance(0.7) ? 504 : 500;
      duration = status === 504 ? rng.lognormal(3_000, 0.05) : status === 503 ? rng.lognormal(12, 0.4) : duration;
    } else if (outcome === 'server') {
      status = 500;
    } else if (outcome === 'client' && route.clientError) {
      status = route.clientError.status;
      duration *= 0.6;
    }
    if (status === 200 && route.template === '/api/cart/items') status = 201;
    const record: RawRequest = {
      service: route.service,
      route: route.path(rng),
      method: route.method,
      status,
      durationMs: round(clamp(duration, 0.5, 60_000)),
      // Three instances per service, picked by time rather than a draw: the seeded stream stays as it was.
      instance: `${route.service}-${1 + (ts % 3)}`,
      ts,
    };
    if (route.dbShare !== undefined && status !== 503) {
      const share = clamp(route.dbShare * rng.lognormal(1, 0.2) * (cacheHit ? 0.3 : 1), 0, 0.95);
      record.dbTimeMs = round(record.durationMs * share);
    }
    if (cacheHit !== undefined) record.cacheHit = cacheHit;
    if (route.requestBytes !== undefined) record.requestBytes = Math.round(rng.lognormal(route.requestBytes, 0.3));
    if (route.responseBytes !== undefined) {
      record.responseBytes = status >= 400 ? rng.int(80, 400) : Math.round(rng.lognormal(route.responseBytes, 0.35));
    }
    return record;
  }

  private vitals(minute: number, traffic: number): RawPoint[] {
    const rng = this.rng;
    const out: RawPoint[] = [];
    const vital = (key: keyof typeof WEB_VITALS, ts: number, value: number, tags: Record<string, string>) => {
      const { metric: name, unit } = WEB_VITALS[key];
      out.push({ name, kind: 'distribution', ...(unit && { unit }), value, ts, tags });
    };
    for (let n = rng.poisson(VITALS_RATE * Math.max(0.02, traffic)); n > 0; n--) {
      const page = rng.pick(DEMO_PAGES, (p) => p.weight);
      const device: Device = rng.pick(DEVICES, (d) => DEVICE_SHARE[d]);
      const { load, input } = DEVICE_FACTOR[device];
      const ts = minute + rng.int(0, 59_999);
      const tags = { route: page.route, device };
      const lcp = rng.lognormal(page.lcp * load, 0.42);
      const fcp = Math.min(lcp, rng.lognormal(page.fcp * load, 0.38));
      const ttfb = Math.min(fcp, rng.lognormal(page.ttfb * load, 0.45));
      vital('LCP', ts, round(lcp), tags);
      vital('FCP', ts, round(fcp), tags);
      vital('TTFB', ts, round(ttfb), tags);
      // Many visits end without a click or key press, and so without an INP.
      if (rng.chance(0.8)) vital('INP', ts, round(clamp(rng.lognormal(page.inp * input, 0.55), 8, 20_000)), tags);
      vital('CLS', ts, rng.chance(0.45) ? 0 : round(clamp(rng.lognormal(page.cls, 0.8), 0.0001, 5), 4), tags);
    }
    return out;
  }

  /** Gauges as an agent samples them once a minute. */
  private infrastructure(ts: number, traffic: number): RawPoint[] {
    const rng = this.rng;
    const incident = this.inIncident(ts);
    const out: RawPoint[] = [];
    // Memory grows slowly until the nightly deploy at 03:00 UTC restarts the processes.
    const deploy = new Date(ts).getUTCHours() === 3 && new Date(ts).getUTCMinutes() === 0;
    for (const host of DEMO_HOSTS) {
      const api = host.startsWith('api');
      const cpu = (api ? 14 : 18) + (api ? 52 : 44) * traffic + (incident && api ? 24 : 0) + 3 * rng.normal();
      out.push(metric('cpu', ts, round(clamp(cpu, 1, 100) / 100, 3), { host }));
      const used = deploy ? 1.1 * GIB : this.memory.get(host)! + 0.25 * 1024 ** 2 * (1 + traffic);
      this.memory.set(host, used);
      out.push(metric('memory', ts, Math.round(used + 20 * 1024 ** 2 * rng.normal()), { host }));
    }
    // The pool is exhausted while the database fails over.
    const connections = incident ? 96 + rng.int(0, 4) : 10 + 48 * traffic + 3 * rng.normal();
    out.push(metric('dbConnections', ts, Math.round(clamp(connections, 1, 100)), { pool: 'primary' }));
    const cacheHit = (incident ? 61 : 89 - 4 * traffic) + 1.2 * rng.normal();
    out.push(metric('cacheHitRate', ts, round(clamp(cacheHit, 0, 100) / 100, 3), { cache: 'redis' }));
    out.push(metric('cdnHitRate', ts, round(clamp(94 + 0.8 * rng.normal(), 0, 100) / 100, 3), { cdn: 'edge' }));
    // Orders pile up during the incident, then drain.
    this.orderBacklog = incident ? this.orderBacklog + rng.int(4, 12) : Math.max(0, this.orderBacklog - 15);
    const queued = { emails: rng.poisson(3 + 20 * traffic), orders: rng.poisson(1 + 6 * traffic) + this.orderBacklog };
    for (const queue of DEMO_QUEUES) out.push(metric('queueLength', ts, queued[queue], { queue }));
    return out;
  }

  /** Sessions end at any time; the shop's own counters and ratios are reported every 5 minutes. */
  private business(minute: number, traffic: number): RawPoint[] {
    const rng = this.rng;
    const out: RawPoint[] = [];
    for (let n = rng.poisson(4 * traffic); n > 0; n--) {
      const ts = minute + rng.int(0, 59_999);
      out.push(metric('sessionDuration', ts, round(clamp(rng.lognormal(150, 0.8), 1, 7_200))));
    }
    if (new Date(minute).getUTCMinutes() % 5 !== 0) return out;
    const incident = this.inIncident(minute);
    const weekend = [0, 6].includes(new Date(minute).getUTCDay());
    const pageViews = rng.poisson(5 * (5 + 160 * traffic));
    // Checkout fails during the incident: conversions fall below the 1% alert line.
    const conversion = (weekend ? 0.021 : 0.026) * (incident ? 0.3 : 1);
    const orders = rng.poisson((pageViews / 3.8) * conversion);
    let revenue = 0;
    for (let i = 0; i < orders; i++) revenue += rng.lognormal(48, 0.5);
    out.push(
      metric('pageViews', minute, pageViews),
      metric('orders', minute, orders),
      metric('revenue', minute, round(revenue, 2)),
      metric('conversionRate', minute, round(clamp(conversion * 100 + 0.15 * rng.normal(), 0, 100), 2)),
      metric(
        'bounceRate',
        minute,
        round(clamp(41 + 6 * (1 - traffic) + (incident ? 12 : 0) + 1.5 * rng.normal(), 0, 100)),
      ),
    );
    return out;
  }
}
