/**
 * Beacons accepted and dropped, per project and reason, counted in memory and written every
 * FLUSH_MS as counter points into the project's own series (`observatory.beacons.*`, through
 * the ingestion writer): no write per dropped request, and several instances add up in the
 * stored sums. One timer per process, not per request; the last counts are written at shutdown.
 */
import type { IngestPoint } from '../ingest/writer';

export const DROP_REASONS = ['bot', 'origin', 'invalid', 'rate_limited'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export const BEACON_METRICS = {
  accepted: 'observatory.beacons.accepted',
  dropped: 'observatory.beacons.dropped',
} as const;

const FLUSH_MS = 10_000;
/** Projects tracked between flushes: counts beyond stay in the next window (bounded memory). */
const MAX_PROJECTS = 10_000;

type Submit = (projectId: string, points: IngestPoint[]) => Promise<void>;

export class BeaconCounters {
  private counts = new Map<string, Map<DropReason | 'accepted', number>>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly submit: Submit,
    private readonly flushMs = FLUSH_MS,
    private readonly now: () => number = Date.now,
  ) {}

  add(projectId: string, what: DropReason | 'accepted', n = 1): void {
    let project = this.counts.get(projectId);
    if (!project) {
      if (this.counts.size >= MAX_PROJECTS) return;
      this.counts.set(projectId, (project = new Map()));
    }
    project.set(what, (project.get(what) ?? 0) + n);
    if (!this.timer) {
      this.timer = setInterval(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  /**
   * Writes and clears the counts so far. They are statistics, not data: a failed write (storage
   * down, the project deleted meanwhile) loses them rather than retrying forever.
   */
  async flush(): Promise<void> {
    if (this.counts.size === 0) return;
    const counts = this.counts;
    this.counts = new Map();
    const ts = this.now();
    await Promise.all(
      [...counts].map(async ([projectId, byWhat]) => {
        const points = [...byWhat].map(([what, value]): IngestPoint => ({
          name: what === 'accepted' ? BEACON_METRICS.accepted : BEACON_METRICS.dropped,
          kind: 'counter',
          unit: null,
          tags: what === 'accepted' ? {} : { reason: what },
          ts,
          value,
        }));
        await this.submit(projectId, points).catch(() => undefined);
      }),
    );
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
