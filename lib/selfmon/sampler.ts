/**
 * The process, sampled as gauges (OpenTelemetry names where one exists), each tagged with the
 * instance so several instances stay apart:
 * - process.cpu.utilization (%): CPU time used since the last sample over wall time and the
 *   CPUs available to the process (0-100);
 * - process.memory.rss, process.memory.heap.used, process.memory.heap.total (bytes);
 * - nodejs.eventloop.delay.p99 (ms, perf_hooks.monitorEventLoopDelay, reset every sample);
 * - db.client.connection.count (state=used|idle, PostgreSQL) and
 *   db.client.connection.pending_requests (PostgreSQL: callers waiting for a connection; SQLite:
 *   statements queued for its one connection);
 * - observatory.ingest.pending_points and observatory.ingest.queue (the writer's buffer);
 * - observatory.ingest.series_cache.hit_ratio (%): the writer's series-id cache, over the
 *   series looked up since the last sample (no point when there were none);
 * - observatory.selfmon.dropped (counter): own request records dropped or refused.
 * Pure apart from reading the process: the caller stores what `sample()` returns.
 */
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { PoolStats } from '../db/pool-stats';
import type { IngestPoint } from '../ingest/writer';
import type { RecorderStats } from './recorder';

export type WriterStats = {
  pendingPoints: number;
  queuedBatches: number;
  seriesCacheHits: number;
  seriesCacheMisses: number;
};

export type SamplerSources = {
  instance: string;
  pool: () => PoolStats | null;
  writer: () => WriterStats | null;
  recorder: () => RecorderStats | null;
};

export const SELF_GAUGES = {
  cpu: 'process.cpu.utilization',
  rss: 'process.memory.rss',
  heapUsed: 'process.memory.heap.used',
  heapTotal: 'process.memory.heap.total',
  loopDelay: 'nodejs.eventloop.delay.p99',
  connections: 'db.client.connection.count',
  pendingRequests: 'db.client.connection.pending_requests',
  pendingPoints: 'observatory.ingest.pending_points',
  queue: 'observatory.ingest.queue',
  cacheHitRatio: 'observatory.ingest.series_cache.hit_ratio',
  dropped: 'observatory.selfmon.dropped',
} as const;

export class ProcessSampler {
  private lastCpu = process.cpuUsage();
  private lastWall = performance.now();
  private lastCache = { hits: 0, misses: 0 };
  private lastDropped = 0;
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  private readonly cpus = Math.max(1, availableParallelism());

  constructor(private readonly sources: SamplerSources) {
    this.loop.enable();
  }

  sample(ts = Date.now()): IngestPoint[] {
    const out: IngestPoint[] = [];
    const tags = { instance: this.sources.instance };
    const gauge = (name: string, value: number, unit: string | null, extra: Record<string, string> = {}) => {
      if (Number.isFinite(value)) out.push({ name, kind: 'gauge', unit, tags: { ...tags, ...extra }, ts, value });
    };

    const cpu = process.cpuUsage(this.lastCpu);
    const wall = performance.now();
    const elapsedUs = (wall - this.lastWall) * 1000;
    if (elapsedUs > 0) gauge(SELF_GAUGES.cpu, (100 * (cpu.user + cpu.system)) / elapsedUs / this.cpus, '%');
    this.lastCpu = process.cpuUsage();
    this.lastWall = wall;

    const memory = process.memoryUsage();
    gauge(SELF_GAUGES.rss, memory.rss, 'By');
    gauge(SELF_GAUGES.heapUsed, memory.heapUsed, 'By');
    gauge(SELF_GAUGES.heapTotal, memory.heapTotal, 'By');

    // Nanoseconds; no sample yet (a blocked first interval) reads as NaN or 0 and is skipped.
    if (this.loop.count > 0) gauge(SELF_GAUGES.loopDelay, this.loop.percentile(99) / 1e6, 'ms');
    this.loop.reset();

    const pool = this.sources.pool();
    if (pool?.provider === 'postgresql') {
      gauge(SELF_GAUGES.connections, pool.used, null, { state: 'used' });
      gauge(SELF_GAUGES.connections, pool.idle, null, { state: 'idle' });
    }
    if (pool) gauge(SELF_GAUGES.pendingRequests, pool.waiting, null);

    const writer = this.sources.writer();
    if (writer) {
      gauge(SELF_GAUGES.pendingPoints, writer.pendingPoints, null);
      gauge(SELF_GAUGES.queue, writer.queuedBatches, null);
      const hits = writer.seriesCacheHits - this.lastCache.hits;
      const misses = writer.seriesCacheMisses - this.lastCache.misses;
      if (hits + misses > 0) gauge(SELF_GAUGES.cacheHitRatio, (100 * hits) / (hits + misses), '%');
      this.lastCache = { hits: writer.seriesCacheHits, misses: writer.seriesCacheMisses };
    }

    const recorder = this.sources.recorder();
    if (recorder) {
      const lost = recorder.dropped + recorder.refused;
      if (lost > this.lastDropped) {
        out.push({ name: SELF_GAUGES.dropped, kind: 'counter', unit: null, tags, ts, value: lost - this.lastDropped });
      }
      this.lastDropped = lost;
    }
    return out;
  }

  stop(): void {
    this.loop.disable();
  }
}
