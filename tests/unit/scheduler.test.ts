/** The in-process job scheduler: runs on time, never overlaps a job with itself, survives failures, stops cleanly. */
import { afterEach, describe, expect, it } from 'vitest';
import { Scheduler } from '@/lib/jobs/scheduler';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
});

describe('Scheduler', () => {
  it('runs each job repeatedly and never two runs of one job at once', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    scheduler = new Scheduler([
      {
        name: 'slow',
        everyMs: 5,
        run: async () => {
          running += 1;
          if (running > 1) overlapped = true;
          await sleep(20);
          running -= 1;
          runs += 1;
        },
      },
    ]);
    scheduler.start(0);
    await sleep(200);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(overlapped).toBe(false);
  });

  it('logs a failing run, records it and runs the job again', async () => {
    const logged: string[] = [];
    let calls = 0;
    scheduler = new Scheduler(
      [
        {
          name: 'flaky',
          everyMs: 10,
          run: async () => {
            calls += 1;
            if (calls === 1) throw new Error('database is down');
          },
        },
      ],
      { log: (m) => logged.push(m) },
    );
    scheduler.start(0);
    await sleep(100);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(logged[0]).toBe('observatory: job flaky failed: database is down');
    const [status] = await scheduler.status();
    expect(status).toMatchObject({ name: 'flaky', failures: 1, lastError: null });
    expect(status!.runs).toBe(calls);
  });

  it('stop waits for the run in progress and schedules no more', async () => {
    let finished = false;
    let calls = 0;
    scheduler = new Scheduler([
      {
        name: 'long',
        everyMs: 1,
        run: async () => {
          calls += 1;
          await sleep(50);
          finished = true;
        },
      },
    ]);
    scheduler.start(0);
    await sleep(10);
    await scheduler.stop();
    expect(finished).toBe(true);
    const after = calls;
    await sleep(50);
    expect(calls).toBe(after);
  });

  it('runNow runs a job at once and reports it', async () => {
    scheduler = new Scheduler([{ name: 'once', everyMs: 60_000, run: async () => undefined }]);
    const status = await scheduler.runNow('once');
    expect(status.runs).toBe(1);
    expect(status.lastDurationMs).not.toBeNull();
    await expect(scheduler.runNow('nope')).rejects.toThrow('no job named nope');
  });

  it('runSoon brings the next run forward, once however often it is asked', async () => {
    let calls = 0;
    scheduler = new Scheduler([{ name: 'compaction', everyMs: 60_000, run: async () => void (calls += 1) }]);
    scheduler.start(60_000);
    for (let i = 0; i < 20; i++) scheduler.runSoon('compaction', 10);
    await sleep(80);
    expect(calls).toBe(1);
    scheduler.runSoon('nope');
  });

  it('runSoon during a run schedules one more run right after it', async () => {
    let calls = 0;
    let release!: () => void;
    scheduler = new Scheduler([
      {
        name: 'compaction',
        everyMs: 60_000,
        run: () => {
          calls += 1;
          return calls === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
        },
      },
    ]);
    scheduler.start(0);
    await sleep(20);
    scheduler.runSoon('compaction', 5);
    release();
    await sleep(60);
    expect(calls).toBe(2);
  });
});
