import type { Db } from '@/lib/db/client';
import type { DbProvider } from '@/lib/db/url';
import { compact, type CompactionReport } from '@/lib/rollup';

/**
 * Compaction run until it has caught up: a run stops early (caughtUp false) when its time
 * budget is spent; the next resumes from the watermarks. Suites use it so a busy machine
 * cannot skip a step.
 */
export async function compactUntilCaughtUp(db: Db, provider: DbProvider, now: number): Promise<CompactionReport> {
  for (let attempt = 0; ; attempt++) {
    const report = await compact(db, provider, { now, budgetMs: 60_000 });
    if (report.caughtUp || attempt >= 200) return report;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
