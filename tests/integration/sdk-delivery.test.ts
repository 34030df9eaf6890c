/**
 * The server SDK's delivery against real HTTP servers on 127.0.0.1 standing in for an Observatory that fails:
 * retries with backoff on 5xx and network errors, Retry-After on 429/503, no retry on other 4xx, a bounded buffer
 * while the receiver is down, batches within the API's limits, flush on close.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createReporter, LIMITS, type ReporterOptions } from '@/lib/sdk';
import { closedPort } from '../helpers/net';
import { startReceiver, until, type Receiver, type Script } from '../helpers/receiver';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

type Warnings = string[];

async function receiver(script?: Script): Promise<Receiver> {
  const r = await startReceiver(script);
  open.push(r);
  return r;
}

/** A reporter with quick retries and no automatic sends (flushes are explicit) unless options say otherwise. */
function reporter(endpoint: string, options: Partial<ReporterOptions> = {}) {
  const warnings: Warnings = [];
  const r = createReporter({
    endpoint,
    key: 'obs_test_key',
    service: 'shop-api',
    flushIntervalMs: 60_000,
    flushOnExit: false,
    retry: { attempts: 5, baseDelayMs: 5, maxDelayMs: 5_000 },
    logger: { warn: (m) => warnings.push(m) },
    ...options,
  });
  open.push(r);
  return Object.assign(r, { warnings });
}

const request = (i: number) => ({ route: '/orders/[id]', method: 'GET', status: 200, durationMs: i });

describe('retries', () => {
  it('500, 500, then 202: the batch arrives three times, is counted sent once, with the key and JSON', async () => {
    const r = await receiver((n) => (n < 2 ? { status: 500 } : undefined));
    const sdk = reporter(r.url);
    for (let i = 0; i < 10; i++) sdk.recordRequest(request(i));
    await sdk.flush();
    expect(r.got).toHaveLength(3);
    expect(r.got.map((g) => g.path)).toEqual(Array(3).fill('/api/v1/requests'));
    expect(new Set(r.got.map((g) => JSON.stringify(g.body))).size).toBe(1);
    expect(r.got[0]!.headers['x-api-key']).toBe('obs_test_key');
    expect(r.got[0]!.headers['content-type']).toBe('application/json');
    expect(r.got[2]!.body.requests!.map((x) => x.durationMs)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.got[2]!.body.requests![0]).toMatchObject({ service: 'shop-api', route: '/orders/[id]', status: 200 });
    const stats = sdk.stats();
    expect(stats).toMatchObject({ recorded: 10, sent: 10, buffered: 0, inFlight: 0, retries: 2 });
    expect(stats.dropped).toEqual({ invalid: 0, overflow: 0, rejected: 0, failed: 0, shutdown: 0 });
    expect(stats.lastError).toContain('500');
  });

  it('429 with Retry-After waits that long before the next attempt', async () => {
    const r = await receiver((n) => (n === 0 ? { status: 429, headers: { 'retry-after': '1' } } : undefined));
    const sdk = reporter(r.url);
    sdk.record('queue.length', 3);
    await sdk.flush();
    expect(r.got).toHaveLength(2);
    expect(r.got[0]!.path).toBe('/api/v1/metrics');
    // Backoff alone would retry after 5 ms or less.
    expect(r.got[1]!.at - r.got[0]!.at).toBeGreaterThanOrEqual(990);
    expect(sdk.stats()).toMatchObject({ sent: 1, retries: 1 });
  });

  it('503 with Retry-After as an HTTP date is honoured too', async () => {
    const when = () => new Date(Date.now() + 2_000).toUTCString();
    const r = await receiver((n) => (n === 0 ? { status: 503, headers: { 'retry-after': when() } } : undefined));
    const sdk = reporter(r.url);
    sdk.record('queue.length', 3);
    await sdk.flush();
    expect(r.got).toHaveLength(2);
    // An HTTP date has whole seconds: at least one second later.
    expect(r.got[1]!.at - r.got[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it('a network error is retried until the receiver is back', async () => {
    const port = await closedPort();
    const sdk = reporter(`http://127.0.0.1:${port}`, { retry: { attempts: 20, baseDelayMs: 50, maxDelayMs: 200 } });
    sdk.recordRequest(request(1));
    const flushed = sdk.flush();
    await until(() => sdk.stats().retries >= 2, 'two failed attempts');
    expect(sdk.stats().lastError).toMatch(/network error/);
    // Now something listens on that port.
    const http = await import('node:http');
    const got: string[] = [];
    const server = http.createServer((req, res) => {
      req.on('data', (c: Buffer) => got.push(c.toString()));
      req.on('end', () => res.writeHead(202).end('{"accepted":1}'));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    open.push({ close: () => new Promise((resolve) => server.close(() => resolve())) });
    await flushed;
    expect(JSON.parse(got.join('')).requests[0].durationMs).toBe(1);
    expect(sdk.stats()).toMatchObject({ sent: 1, dropped: { failed: 0 } });
  });

  it('gives up after the last attempt, counts the items failed, and goes on with the next batch', async () => {
    const r = await receiver((n) => (n < 3 ? { status: 502 } : undefined));
    const sdk = reporter(r.url, { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10 } });
    for (let i = 0; i < 4; i++) sdk.recordRequest(request(i));
    await sdk.flush();
    sdk.recordRequest(request(99));
    await sdk.flush();
    expect(r.got).toHaveLength(4);
    expect(r.got[3]!.body.requests!.map((x) => x.durationMs)).toEqual([99]);
    expect(sdk.stats()).toMatchObject({ sent: 1, dropped: { failed: 4 } });
    expect(sdk.warnings.filter((w) => w.includes('failed'))).toHaveLength(1);
  });
});

describe('refusals', () => {
  it.each([400, 401, 403, 422])('%i is not retried: the batch is dropped, counted and logged once', async (status) => {
    const r = await receiver((n) => (n < 2 ? { status } : undefined));
    const sdk = reporter(r.url);
    sdk.recordRequest(request(1));
    await sdk.flush();
    sdk.recordRequest(request(2));
    sdk.recordRequest(request(3));
    await sdk.flush();
    sdk.recordRequest(request(4));
    await sdk.flush();
    expect(r.got).toHaveLength(3);
    expect(sdk.stats()).toMatchObject({ sent: 1, retries: 0, dropped: { rejected: 3 } });
    expect(sdk.stats().lastError).toContain(String(status));
    const logged = sdk.warnings.filter((w) => w.includes(`refused with ${status}`));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('scripted');
    expect(sdk.warnings.join('\n')).not.toContain('obs_test_key');
  });

  it('413 halves the batch until it passes', async () => {
    const r = await receiver((_n, got) => ((got.body.requests?.length ?? 0) > 10 ? { status: 413 } : undefined));
    const sdk = reporter(r.url, { maxBatchSize: 100 });
    for (let i = 0; i < 70; i++) sdk.recordRequest(request(i));
    await sdk.flush();
    const accepted = r.got.filter((g) => g.body.requests!.length <= 10);
    expect(accepted.flatMap((g) => g.body.requests!.map((x) => x.durationMs))).toEqual(
      Array.from({ length: 70 }, (_, i) => i),
    );
    expect(sdk.stats()).toMatchObject({ sent: 70, dropped: { rejected: 0 } });
  });
});

describe('batches', () => {
  it('a full batch goes at once, the rest after flushIntervalMs, each kind to its endpoint', async () => {
    const r = await receiver();
    const sdk = reporter(r.url, { maxBatchSize: 50, flushIntervalMs: 200 });
    for (let i = 0; i < 120; i++) sdk.recordRequest(request(i));
    sdk.record('cache.hit_ratio', 93.5, { cache: 'redis' }, { unit: '%' });
    await until(() => r.items().length === 121, 'every item, without a flush');
    expect(r.got.map((g) => g.body.requests?.length ?? 0).filter(Boolean)).toEqual([50, 50, 20]);
    const point = r.got.find((g) => g.path === '/api/v1/metrics')!.body.points![0]!;
    expect(point).toMatchObject({ name: 'cache.hit_ratio', value: 93.5, kind: 'gauge', unit: '%' });
    expect(point.tags).toEqual({ cache: 'redis' });
  });

  it('never sends more than 5,000 items or 1 MiB in one request', async () => {
    const r = await receiver();
    const sdk = reporter(r.url, { maxBatchSize: 5_000, maxBatchBytes: LIMITS.maxBodyBytes, maxBuffered: 50_000 });
    const tags = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, 'x'.repeat(200)]));
    for (let i = 0; i < 1_000; i++) sdk.record('big.tags', i, tags);
    for (let i = 0; i < 12_000; i++) sdk.record('small', i);
    await sdk.flush();
    for (const g of r.got) {
      expect(g.bytes).toBeLessThanOrEqual(1024 * 1024);
      expect(g.body.points!.length).toBeLessThanOrEqual(5_000);
    }
    expect(r.got.some((g) => g.bytes > 900 * 1024)).toBe(true);
    expect(r.got.some((g) => g.body.points!.length === 5_000)).toBe(true);
    const values = r.items().map((p) => `${p.name}:${p.value}`);
    expect(new Set(values).size).toBe(13_000);
    expect(sdk.stats()).toMatchObject({ recorded: 13_000, sent: 13_000 });
  });
});

describe('bounded memory', () => {
  it('while the receiver is down the buffer stays at its cap and the oldest are dropped and counted', async () => {
    const port = await closedPort();
    const sdk = reporter(`http://127.0.0.1:${port}`, {
      maxBuffered: 500,
      maxBatchSize: 100,
      flushIntervalMs: 20,
      shutdownTimeoutMs: 100,
      retry: { attempts: 1_000, baseDelayMs: 20, maxDelayMs: 50 },
    });
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 1_000; i++) sdk.recordRequest(request(round * 1_000 + i));
      const stats = sdk.stats();
      expect(stats.buffered).toBeLessThanOrEqual(500);
      expect(stats.inFlight).toBeLessThanOrEqual(100);
      await new Promise((r) => setTimeout(r, 5));
    }
    const stats = sdk.stats();
    expect(stats.recorded).toBe(20_000);
    expect(stats.buffered).toBe(500);
    expect(stats.dropped.overflow + stats.buffered + stats.inFlight + stats.sent + stats.dropped.failed).toBe(20_000);
    expect(stats.dropped.overflow).toBeGreaterThanOrEqual(20_000 - 600);
    expect(sdk.warnings.filter((w) => w.includes('buffer is full'))).toHaveLength(1);
  });

  it('the byte cap holds as well', async () => {
    const port = await closedPort();
    const sdk = reporter(`http://127.0.0.1:${port}`, { maxBufferedBytes: 64 * 1024, shutdownTimeoutMs: 100 });
    for (let i = 0; i < 2_000; i++) sdk.record('sized', i, { note: 'y'.repeat(150) });
    const stats = sdk.stats();
    expect(stats.buffered).toBeLessThan(2_000);
    expect(stats.buffered * 150).toBeLessThanOrEqual(64 * 1024);
    expect(stats.dropped.overflow).toBe(2_000 - stats.buffered);
  });
});

describe('close', () => {
  it('sends what is buffered, then drops later recordings and counts them', async () => {
    const r = await receiver();
    const sdk = reporter(r.url);
    for (let i = 0; i < 25; i++) sdk.recordRequest(request(i));
    sdk.record('orders.created', 2, {}, { kind: 'counter' });
    expect(r.got).toHaveLength(0);
    await sdk.close();
    expect(r.items()).toHaveLength(26);
    sdk.recordRequest(request(1));
    expect(sdk.stats()).toMatchObject({ sent: 26, buffered: 0, dropped: { shutdown: 1 } });
    await sdk.close(); // twice is fine
  });

  it('gives up at shutdownTimeoutMs when the receiver is down, counting what was left', async () => {
    const port = await closedPort();
    const sdk = reporter(`http://127.0.0.1:${port}`, {
      shutdownTimeoutMs: 300,
      retry: { attempts: 100, baseDelayMs: 50, maxDelayMs: 100 },
    });
    for (let i = 0; i < 30; i++) sdk.recordRequest(request(i));
    await sdk.close();
    expect(sdk.stats()).toMatchObject({ sent: 0, buffered: 0, inFlight: 0, dropped: { shutdown: 30, failed: 0 } });
  });
});
