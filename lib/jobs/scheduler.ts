/**
 * An in-process scheduler: each job runs every `everyMs`, never overlapping itself; a failing
 * run is logged and counted, and the job runs again at its next turn. Timers do not keep the
 * process alive. Exclusivity across instances is each job's own business (compaction and
 * retention take database locks), so every instance can run the scheduler.
 */
export type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

export type JobStatus = {
  name: string;
  everyMs: number;
  runs: number;
  failures: number;
  running: boolean;
  lastStartedAt: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
};

type Entry = {
  job: Job;
  status: JobStatus;
  timer: NodeJS.Timeout | null;
  dueAt: number;
  current: Promise<void> | null;
  /** Asked to run soon while running: the next turn comes after `soonMs`, not `everyMs`. */
  soonMs: number | null;
};

export class Scheduler {
  private readonly entries: Entry[];
  private stopped = true;

  constructor(
    jobs: readonly Job[],
    private readonly log: (message: string) => void = (m) => console.error(m),
  ) {
    this.entries = jobs.map((job) => ({
      job,
      timer: null,
      dueAt: 0,
      current: null,
      soonMs: null,
      status: {
        name: job.name,
        everyMs: job.everyMs,
        runs: 0,
        failures: 0,
        running: false,
        lastStartedAt: null,
        lastDurationMs: null,
        lastError: null,
      },
    }));
  }

  /** Starts every job; the first run comes after `initialDelayMs` (spread a little per job). */
  start(initialDelayMs = 5_000): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.entries.forEach((entry, i) => this.schedule(entry, initialDelayMs + i * 1_000));
  }

  /** Cancels future runs and waits for the ones in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.entries) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
    }
    await Promise.all(this.entries.map((e) => e.current));
  }

  /** Runs a job now (unless it is running) and waits for it. */
  async runNow(name: string): Promise<JobStatus> {
    const entry = this.entries.find((e) => e.job.name === name);
    if (!entry) throw new Error(`no job named ${name}`);
    await (entry.current ?? this.execute(entry));
    return { ...entry.status };
  }

  /** Brings a job's next run forward to within `delayMs` (many calls, one run). */
  runSoon(name: string, delayMs = 1_000): void {
    const entry = this.entries.find((e) => e.job.name === name);
    if (!entry || this.stopped) return;
    if (entry.current) {
      entry.soonMs = Math.min(entry.soonMs ?? delayMs, delayMs);
      return;
    }
    if (entry.timer && entry.dueAt <= Date.now() + delayMs) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.schedule(entry, delayMs);
  }

  status(): JobStatus[] {
    return this.entries.map((e) => ({ ...e.status }));
  }

  private schedule(entry: Entry, delay: number): void {
    if (this.stopped) return;
    entry.dueAt = Date.now() + delay;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      void this.execute(entry).then(() => {
        const next = entry.soonMs ?? entry.job.everyMs;
        entry.soonMs = null;
        this.schedule(entry, next);
      });
    }, delay);
    entry.timer.unref();
  }

  private execute(entry: Entry): Promise<void> {
    const { status } = entry;
    const started = Date.now();
    status.running = true;
    status.lastStartedAt = started;
    entry.current = entry.job
      .run()
      .then(
        () => {
          status.lastError = null;
        },
        (err: unknown) => {
          status.failures += 1;
          status.lastError = err instanceof Error ? err.message : String(err);
          this.log(`observatory: job ${entry.job.name} failed: ${status.lastError}`);
        },
      )
      .finally(() => {
        status.runs += 1;
        status.running = false;
        status.lastDurationMs = Date.now() - started;
        entry.current = null;
      });
    return entry.current;
  }
}
