/**
 * Browser beacons over HTTP against the production server: 32 keep-alive connections each
 * posting a realistic five-vital beacon (as /tracker.js sends it: text/plain JSON, a browser's
 * user agent, the page's Origin, a new page-load id each time) to POST /api/v1/vitals, in rounds
 * alternating with a no-op public route that reads and parses the same body
 * (/api/bench/beacon-noop). Beacons arrive one per page view, so this is the per-request cost.
 * Afterwards every acknowledged beacon must be stored (its five points and its page-activity
 * row), or the figure is not reported. Per-address and per-site limits are off: one machine
 * plays every visitor. Runs on SQLite, and on PostgreSQL when BENCH_POSTGRES_URL's server answers.
 */
import { randomBytes } from 'node:crypto';
import { compare, type BenchResult, type Finding } from './harness';
import { BENCH_ORIGIN, postgresReachable, startBenchServer, type Provider } from './http-server';
import { POSTGRES_URL } from './ingest-http';
import { keepAliveClient } from './ingest-load';

const CONNECTIONS = 32;
const TARGET_RATIO = 0.8;
const TARGET_P99_US = 100_000;
const USER_AGENT =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36';
const PATHS = ['/', '/products/812', '/products/77', '/cart', '/checkout', '/search'];

const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** One page view's beacon, as the tracker builds it. */
function beaconBody(site: string, i: number): string {
  const path = PATHS[i % PATHS.length]!;
  const jitter = (base: number) => Math.round(base * (0.6 + Math.random() * 0.8) * 10) / 10;
  return JSON.stringify({
    site,
    page: randomBytes(8).toString('hex'),
    device: i % 3 === 0 ? 'desktop' : 'mobile',
    connection: '4g',
    events: [
      { name: 'TTFB', value: jitter(220), rating: 'good', navigation: 'navigate', path },
      { name: 'FCP', value: jitter(900), rating: 'good', navigation: 'navigate', path },
      { name: 'LCP', value: jitter(1800), rating: 'good', navigation: 'navigate', path },
      { name: 'CLS', value: Math.round(Math.random() * 50) / 1000, rating: 'good', navigation: 'navigate', path },
      { name: 'INP', value: jitter(120), rating: 'good', navigation: 'navigate', path },
    ],
  });
}

function beaconPoster(baseUrl: string) {
  const client = keepAliveClient(
    baseUrl,
    { 'content-type': 'text/plain;charset=UTF-8', origin: BENCH_ORIGIN, 'user-agent': USER_AGENT },
    CONNECTIONS,
  );
  return {
    post: async (path: string, body: string) => {
      const { status, text } = await client.post(path, body);
      if (status !== 204) throw new Error(`${path} answered ${status} ${text.slice(0, 300)}`);
    },
    close: client.close,
  };
}

async function run(provider: Provider, quick: boolean): Promise<BenchResult> {
  const server = await startBenchServer(provider, POSTGRES_URL, { VITALS_RATE_PER_IP: '0', VITALS_RATE_PER_SITE: '0' });
  const client = beaconPoster(server.url);
  let sent = 0;
  let acknowledged = 0;
  try {
    const noop = () => client.post('/api/bench/beacon-noop', beaconBody(server.siteId, sent++));
    const vitals = async () => {
      await client.post('/api/v1/vitals', beaconBody(server.siteId, sent++));
      acknowledged += 1;
    };
    const { baseline, subject } = await compare(
      noop,
      vitals,
      quick
        ? { rounds: 2, roundMs: 1_000, warmupMs: 500, concurrency: CONNECTIONS }
        : { rounds: 6, roundMs: 3_000, warmupMs: 2_000, concurrency: CONNECTIONS },
    );
    const points = await server.storedPoints();
    const pages = await server.rows('PageActivity');
    // The project's own drop and acceptance counters are points too: at most a few per 10 s.
    if (pages !== acknowledged || points < 5 * acknowledged) {
      throw new Error(
        `${provider}: ${fmt(acknowledged)} beacons acknowledged, ${fmt(pages)} page rows and ${fmt(points)} points stored`,
      );
    }
    const ratio = subject.opsPerSec / baseline.opsPerSec;
    const verdicts = [
      `${ratio.toFixed(2)}× the no-op route (target ≥ ${TARGET_RATIO}×: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`,
      `p99 ${(subject.p99Us / 1000).toFixed(1)} ms (target ≤ ${TARGET_P99_US / 1000} ms: ${subject.p99Us <= TARGET_P99_US ? 'met' : 'NOT met'})`,
    ];
    const name = `Browser beacons over HTTP, ${CONNECTIONS} connections, five vitals each (${provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`;
    return {
      name,
      baseline: { label: '(a) no-op public route reading and parsing the same body', ...baseline },
      subject: { label: 'POST /api/v1/vitals', ...subject },
      notes: [
        `${name}: ${verdicts.join('; ')}. All ${fmt(acknowledged)} acknowledged beacons were stored (${fmt(pages)} page-activity rows, their ${fmt(5 * acknowledged)} points).`,
      ],
    };
  } finally {
    client.close();
    await server.stop().catch(() => {});
  }
}

export async function vitalsHttp({ quick = false } = {}): Promise<(BenchResult | Finding)[]> {
  const sqlite = await run('sqlite', quick);
  if (!(await postgresReachable(POSTGRES_URL))) {
    return [
      sqlite,
      { name: 'Browser beacons over HTTP (PostgreSQL)', result: 'skipped: no server answers at BENCH_POSTGRES_URL' },
    ];
  }
  return [sqlite, await run('postgresql', quick)];
}
