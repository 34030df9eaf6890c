/**
 * Observatory's own requests, recorded cheaply: route() hands each finished request to
 * `record()`, which only pushes a small object into a bounded array (no I/O, no await). Every
 * few seconds `flush()` turns the batch into the RED series `POST /api/v1/requests` produces
 * (`fanOut`) and submits it to the ingestion writer in-process. A full buffer drops records (and
 * counts them); a writer that refuses loses that batch (counted too). Neither ever reaches the
 * request that was recorded.
 */
import { fanOut } from '../ingest/requests';
import type { RequestRecord } from '../ingest/schema';
import { type IngestPoint } from '../ingest/writer';
import { canonicalDims } from '../rollup';
import { appRouteTemplate } from './route-template';
import { MINUTE_MS } from '../time';

/** One finished request; its route template is worked out at flush time, off the request's path. */
export type SelfRequest = {
  /** The request's URL, parsed only at flush time. */
  url: string;
  params: Record<string, string | string[]>;
  method: string;
  status: number;
  durationMs: number;
  dbTimeMs: number;
  ts: number;
};

/** The `service` tag of Observatory's own request series. */
export const SELF_SERVICE = 'observatory';

export type RecorderStats = {
  /** Requests recorded since start. */
  recorded: number;
  /** Requests dropped because the buffer was full. */
  dropped: number;
  /** Requests whose batch the writer (or the database) refused. */
  refused: number;
  /** Requests waiting for the next flush. */
  buffered: number;
};

/**
 * Requests turned into points and submitted at a time, with a turn of the event loop between
 * slices: a whole 5-second batch at a thousand requests a second took ~100 ms of the serving
 * thread at once, which every request in flight waited out (bench/vitals-http.ts's p99).
 */
const SLICE = 250;

/**
 * Counter points of one series in one minute summed into one point: queries read a counter's
 * sum, so the stored totals are the same, with one row per route and minute instead of one per
 * request. Distributions keep every value (their sketches and counts need them).
 */
export function mergeCounters(points: IngestPoint[]): IngestPoint[] {
  const out: IngestPoint[] = [];
  const merged = new Map<string, IngestPoint>();
  for (const p of points) {
    if (p.kind !== 'counter') {
      out.push(p);
      continue;
    }
    const key = `${p.name}\0${canonicalDims(p.tags)}\0${Math.floor(p.ts / MINUTE_MS)}`;
    const existing = merged.get(key);
    if (existing) {
      existing.value += p.value;
      existing.ts = Math.max(existing.ts, p.ts);
    } else {
      const copy = { ...p };
      merged.set(key, copy);
      out.push(copy);
    }
  }
  return out;
}

export class RequestRecorder {
  private buffer: SelfRequest[] = [];
  private flushing: Promise<void> | null = null;
  private readonly stats = { recorded: 0, dropped: 0, refused: 0 };

  constructor(
    /** Stores the points, and samples of the records (the writer's submit for the Observatory project); may reject. */
    private readonly sink: (points: IngestPoint[], records: readonly RequestRecord[]) => Promise<void>,
    private readonly maxBuffered = 20_000,
    /** The process the requests were served by (request samples name it). */
    private readonly instance?: string,
  ) {}

  record(request: SelfRequest): void {
    if (this.buffer.length >= this.maxBuffered) {
      this.stats.dropped += 1;
      return;
    }
    this.buffer.push(request);
    this.stats.recorded += 1;
  }

  /** Submits what is buffered; one flush at a time. Never rejects. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = null));
    return this.flushing;
  }

  snapshot(): RecorderStats {
    return { ...this.stats, buffered: this.buffer.length };
  }

  private async drain(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    const stored: Promise<void>[] = [];
    for (let i = 0; i < batch.length; i += SLICE) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const slice = batch.slice(i, i + SLICE);
      stored.push(
        (async () => {
          const records = slice.map(({ url, params, ...r }): RequestRecord => {
            const route = appRouteTemplate(new URL(url).pathname, params);
            // The template, not the path: Observatory's own paths hold share tokens and ids.
            return { ...r, service: SELF_SERVICE, route, path: route, instance: this.instance };
          });
          await this.sink(mergeCounters(fanOut(records)), records);
        })().catch(() => {
          this.stats.refused += slice.length;
        }),
      );
    }
    await Promise.all(stored);
  }
}
