/**
 * Demo data's public face for route handlers: the generator on the process's database, one load
 * at a time per process. A second instance racing this one meets the demo
 * project's unique slug, or its data, and is refused too.
 */
import 'server-only';
import { getDb } from '../db';
import { conflict } from '../http/errors';
import { compactNow } from '../jobs';
import { loadDemo, type DemoSummary } from './load';

import { demoLiveEnabled } from './live';
import { DEMO_PROJECT } from './catalog';

export { DEMO_PROJECT } from './catalog';
export type { DemoSummary } from './load';

/** Over HTTP the range is kept short: the answer waits until everything is committed. */
export const HTTP_DEMO_DAYS = { default: 2, max: 7 } as const;

/** Settings → System: null without a demo project, else whether its live traffic is on. */
export async function demoLiveState(): Promise<{ enabled: boolean } | null> {
  const db = getDb();
  const project = await db.project.findUnique({ where: { slug: DEMO_PROJECT.slug }, select: { id: true } });
  return project ? { enabled: await demoLiveEnabled(db) } : null;
}

/** How far a load running in this process has got (null: none runs here). */
export type DemoProgress = { hoursDone: number; hours: number; startedAt: number } | null;

const globalForDemo = globalThis as unknown as {
  observatoryDemoLoad?: Promise<DemoSummary> | null;
  observatoryDemoProgress?: DemoProgress;
};

/** The load running in this process, for the page to show while it waits (another instance's is not seen). */
export function demoProgress(): DemoProgress {
  return globalForDemo.observatoryDemoProgress ?? null;
}

export async function loadDemoOnce(actor: string, days: number): Promise<DemoSummary> {
  if (globalForDemo.observatoryDemoLoad) throw conflict('demo data is already being loaded; wait for it to finish');
  const progress = { hoursDone: 0, hours: days * 24, startedAt: Date.now() };
  globalForDemo.observatoryDemoProgress = progress;
  // Compaction first, so the history is written with the hour and day rows compaction has built
  // (on a new installation it has not run yet).
  const load = compactNow().then(() =>
    loadDemo(getDb(), {
      actor,
      days,
      onProgress: ({ hoursDone, hours }) => Object.assign(progress, { hoursDone, hours }),
    }),
  );
  globalForDemo.observatoryDemoLoad = load;
  try {
    const summary = await load;
    // The demo's last hours are left to compaction: build them before answering.
    await compactNow();
    return summary;
  } finally {
    globalForDemo.observatoryDemoLoad = null;
    globalForDemo.observatoryDemoProgress = null;
  }
}
