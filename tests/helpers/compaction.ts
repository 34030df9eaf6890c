import type { Db } from '@/lib/db/client';
import type { DbProvider } from '@/lib/db/url';
import { compact, type CompactionReport } from '@/lib/rollup/compact';

/**
 * Compaction run until it has caught up. On PostgreSQL its advisory lock is per database, not
 * per schema, so suites compacting their own schemas of one test database at the same moment
 * find it held and stop early (caughtUp false); each run resumes from the watermarks.
 */
export async function compactUntilCaughtUp(db: Db, provider: DbProvider, now: number): Promise<CompactionReport> {
  for (let attempt = 0; ; attempt++) {
    const report = await compact(db, provider, now, 60_000);
    if (report.caughtUp || attempt >= 200) return report;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
