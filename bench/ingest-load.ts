/**
 * What the HTTP benchmarks send and how: realistic 1,000-point batches (four metrics, 50
 * series, distribution values, timestamps of the last second) posted over keep-alive
 * connections with node:http, the cheapest client Node has, so that on a 2-core machine the
 * load generator takes as little CPU from the server as it can.
 */
import http from 'node:http';

export const CLIENTS = 16;
export const BATCH = 1_000;

const ROUTES = ['/', '/checkout', '/cart', '/search', '/products/[id]', '/users/[id]', '/orders/[id]', '/login'];
const METHODS = ['GET', 'POST'];
const REGIONS = ['eu-west', 'us-east', 'ap-south'];

/** Roughly log-normal latencies in ms: most requests fast, a long tail. */
const latency = () => Math.round(Math.exp(3.5 + 0.8 * (Math.random() + Math.random() + Math.random() - 1.5)) * 10) / 10;

function point(i: number, now: number) {
  const ts = now - Math.floor(Math.random() * 1_000);
  const route = ROUTES[i % ROUTES.length]!;
  const region = REGIONS[i % REGIONS.length]!;
  switch (i % 10) {
    case 0:
      return { name: 'db.query.duration', kind: 'distribution', unit: 'ms', ts, value: latency() / 4, tags: { route } };
    case 1:
      return { name: 'http.server.requests', kind: 'counter', ts, value: 1, tags: { route, region } };
    case 2:
      return { name: 'process.memory.rss', kind: 'gauge', unit: 'By', ts, value: 2e8 + i * 1e3, tags: { region } };
    default:
      return {
        name: 'http.server.duration',
        kind: 'distribution',
        unit: 'ms',
        ts,
        value: latency(),
        tags: { route, method: METHODS[i % 2]!, status: i % 97 === 0 ? '500' : '200', region },
      };
  }
}

export function batchBody(now = Date.now()): string {
  return JSON.stringify({ points: Array.from({ length: BATCH }, (_, i) => point(i, now)) });
}

const SERVICES = ['shop-api', 'shop-web', 'payments'];
/** One request in fifty fails (a 503): each adds an error point, and is kept whole. */
const FAIL_EVERY = 50;

/** A request record as a service sends it: a raw path with ids (templated by the server), DB time and cache. */
function request(i: number, now: number) {
  const template = ROUTES[i % ROUTES.length]!;
  return {
    service: SERVICES[i % SERVICES.length]!,
    route: template.replace('[id]', String(1000 + ((i * 7919) % 90_000))),
    method: METHODS[i % 2]!,
    status: i % FAIL_EVERY === 0 ? 503 : 200,
    durationMs: latency(),
    dbTimeMs: latency() / 4,
    cacheHit: i % 3 !== 0,
    instance: `api-${i % 4}`,
    ts: now - Math.floor(Math.random() * 1_000),
  };
}

/** The points a request batch becomes: duration, request count, DB time and a cache counter each, and an error per failure. */
export const REQUEST_BATCH_POINTS = BATCH * 4 + Math.ceil(BATCH / FAIL_EVERY);

export function requestBatchBody(now = Date.now()): string {
  return JSON.stringify({ requests: Array.from({ length: BATCH }, (_, i) => request(i, now)) });
}

/**
 * One body per client slot, rebuilt at most once a second: timestamps stay current without
 * serialising 1,000 points for every request.
 */
export function bodies(slots = CLIENTS, make: (now: number) => string = batchBody): () => string {
  const cache: { body: string; at: number }[] = [];
  let next = 0;
  return () => {
    const slot = next++ % slots;
    const now = Date.now();
    const entry = cache[slot];
    if (entry && now - entry.at < 1_000) return entry.body;
    cache[slot] = { body: make(now), at: now };
    return cache[slot].body;
  };
}

export type Poster = {
  /** POSTs a body; resolves with the number of points the server acknowledged (202), else throws. */
  post(path: string, body: string): Promise<number>;
  close(): void;
};

/** A keep-alive client for one server: POSTs with fixed headers, resolving with the answer's status and text. */
export function keepAliveClient(baseUrl: string, headers: Record<string, string>, sockets: number) {
  const { hostname, port } = new URL(baseUrl);
  // fifo: every socket takes its turn, so none sits idle while a few do all the work.
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, scheduling: 'fifo' });
  return {
    post: (path: string, body: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request(
          {
            agent,
            hostname,
            port,
            path,
            method: 'POST',
            headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}

export function poster(baseUrl: string, key: string, sockets = CLIENTS): Poster {
  const client = keepAliveClient(baseUrl, { 'content-type': 'application/json', 'x-api-key': key }, sockets);
  return {
    post: async (path, body) => {
      const { status, text } = await client.post(path, body);
      if (status !== 202) throw new Error(`POST ${path}: ${status} ${text.slice(0, 300)}`);
      return (JSON.parse(text) as { accepted: number }).accepted;
    },
    close: client.close,
  };
}
