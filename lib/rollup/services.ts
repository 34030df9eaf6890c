/**
 * A project's services, recorded as the writer sees them: the first stored point whose tags name
 * a `service` creates its row, and later points move its last-seen time. A pair the process
 * recorded in the last minute costs one map lookup per series and flush, nothing more; past the
 * minute the next flush upserts it again (one statement for every such pair of the flush), which
 * keeps last-seen within a minute and brings back a service deleted while it still sends.
 *
 * The upsert runs before the flush's transaction, as series creation does: a 2xx therefore means
 * the service is stored too. It stays out of the points' transaction so that instances writing
 * the same service never hold its row locked across a flush.
 */
import type { Db } from '../db/client';
import { insertRows } from '../db/sql';
import type { DbProvider } from '../db/url';
import { SERVICE_TAG } from '../metrics';

/** How long a recorded pair is taken as known before its last-seen time is written again. */
export const SERVICE_REFRESH_MS = 60_000;
const CACHE_MAX = 100_000;

/** A series being written, as far as services are concerned. */
export type ServiceEntry = { projectId: string; service: string | null; seriesId: number };

/** The service a point's tags name, if any. */
export function serviceOf(tags: Record<string, string>): string | null {
  return Object.hasOwn(tags, SERVICE_TAG) ? tags[SERVICE_TAG]! : null;
}

export class ServiceRecorder {
  /** `project \0 service` → when this process last wrote it. */
  private readonly recorded = new Map<string, number>();
  /** Upserts written since start (each covers every pair a flush had to write). */
  upserts = 0;

  constructor(
    private readonly db: Db,
    private readonly provider: DbProvider,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records the services of a flush's series. `skip` holds series ids whose points do not count
   * as their own (the overflow series past a project's series limit), so the number of services
   * stays bounded by the series a project may have.
   */
  async seen(entries: readonly ServiceEntry[], skip: ReadonlySet<number>): Promise<void> {
    const now = this.now();
    let due: Map<string, [string, string, number, number]> | null = null;
    for (const e of entries) {
      if (e.service === null || skip.has(e.seriesId)) continue;
      const key = `${e.projectId}\0${e.service}`;
      const last = this.recorded.get(key);
      if (last !== undefined && now - last < SERVICE_REFRESH_MS) continue;
      (due ??= new Map()).set(key, [e.projectId, e.service, now, now]);
    }
    if (!due) return;
    // In key order: two instances upserting the same rows lock them in the same order (no deadlock).
    const rows = [...due].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
    await insertRows(
      this.db,
      this.provider,
      'Service',
      ['projectId', 'name', 'firstSeenAt', 'lastSeenAt'],
      rows,
      ' ON CONFLICT ("projectId", "name") DO UPDATE SET "lastSeenAt" = excluded."lastSeenAt"' +
        ' WHERE excluded."lastSeenAt" > "Service"."lastSeenAt"',
    );
    this.upserts += 1;
    if (this.recorded.size + due.size > CACHE_MAX) this.recorded.clear();
    for (const key of due.keys()) this.recorded.set(key, now);
  }
}
