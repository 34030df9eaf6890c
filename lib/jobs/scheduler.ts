/**
 * An in-process scheduler. Each job runs every `everyMs`, never overlapping itself; a failing
 * run is logged and counted, and the job runs again at its next turn. Timers do not keep the
 * process alive.
 *
 * A job marked `exclusive` runs on one instance at a time and once per turn across instances.
 * Its turns are the intervals of `everyMs` on the clock; every instance tries at the start of
 * each, and a run needs the job's lease (lease.ts) taken for its turn: renewed while the job
 * runs (lease-keeper.ts; the run's signal aborts if it is lost), released when it ends. Without
 * it the turn is skipped here: another instance ran it, or holds the lease for an earlier turn
 * or on demand (then this instance tries again a few times within the turn, so a run that
 * crossed into the next turn does not cost that turn). While the lease
 * store cannot be reached exclusive jobs are skipped, never run without a lease; that is logged
 * once, and once again when the store answers. Other jobs run on every instance, `everyMs`
 * after their last run ended.
 */
import { leaseTtlFor, turnOf, type Lease, type LeaseStore } from './lease';
import { LeaseKeeper } from './lease-keeper';

export type JobContext = {
  /** Aborted when this instance loses the job's lease mid-run: stop at the next safe point. */
  signal: AbortSignal;
  /** Exclusive jobs: the lease's fencing token (a later holder has a higher one). */
  token: number | null;
  /** Exclusive jobs' scheduled runs: the turn's start (ms); null for on-demand runs. */
  turn: number | null;
};

export type Job = {
  name: string;
  everyMs: number;
  /** One instance at a time, once per turn across instances, holding the job's lease. */
  exclusive?: boolean;
  /** The lease's time to live; default leaseTtlFor(everyMs). */
  leaseMs?: number;
  run: (ctx: JobContext) => Promise<unknown>;
};

export type JobLeaseView = {
  /** The instance holding the lease now, or null. */
  holder: string | null;
  /** The instance that ran the job last, here or elsewhere. */
  lastHolder: string | null;
  ranHereLast: boolean;
};

export type JobStatus = {
  name: string;
  everyMs: number;
  exclusive: boolean;
  /** Runs in this instance. */
  runs: number;
  failures: number;
  /** Exclusive jobs' attempts that found the lease held, the turn run elsewhere, or the store unreachable. */
  skipped: number;
  running: boolean;
  lastStartedAt: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  /** Exclusive jobs, when the lease store answered; null otherwise. */
  lease: JobLeaseView | null;
};

export type SchedulerOptions = {
  /** Where exclusive jobs' leases live; needed when any job is exclusive. */
  leases?: LeaseStore;
  /** This instance's name in leases (INSTANCE_ID). */
  holder?: string;
  log?: (message: string) => void;
  /** The clock turns are read on. */
  now?: () => number;
};

export type RunNowOptions = {
  /** How long to wait for another instance's run to end (exclusive jobs); 0: fail at once. */
  waitMs?: number;
  /** What to run under the job's lease instead of the job's own run (e.g. compaction until caught up). */
  run?: Job['run'];
};

/** An exclusive job could not be run now: another instance holds its lease. */
export class JobBusyError extends Error {
  override name = 'JobBusyError';
  constructor(
    readonly job: string,
    readonly holder: string | null,
  ) {
    super(`job ${job} is running on ${holder ?? 'another instance'}`);
  }
}

type Outcome = { ran: true; error: unknown } | { ran: false; storeError: unknown; retry?: boolean };

type Entry = {
  job: Job;
  ttlMs: number;
  status: Omit<JobStatus, 'lease'>;
  timer: NodeJS.Timeout | null;
  dueAt: number;
  current: Promise<Outcome> | null;
  /** Asked to run soon while running: the next run comes after `soonMs`, on demand. */
  soonMs: number | null;
  /** The timer's run is on demand (runSoon), not a turn's. */
  onDemand: boolean;
  /** The token of this instance's latest lease on the job. */
  lastToken: number | null;
  /** The latest turn this instance tried (exclusive jobs). */
  lastTurn: number | null;
};

const NO_SIGNAL = new AbortController().signal;
const POLL_MS = 1_000;
/** Retries within a turn whose lease was held for something else: a quarter turn apart, at most 5 s. */
const retryMs = (everyMs: number) => Math.min(everyMs / 4, 5_000);

export class Scheduler {
  private readonly entries: Entry[];
  private stopped = true;
  private storeDown = false;
  private readonly leases: LeaseStore | null;
  private readonly holder: string;
  private readonly log: (message: string) => void;
  private readonly now: () => number;

  constructor(jobs: readonly Job[], options: SchedulerOptions = {}) {
    this.leases = options.leases ?? null;
    this.holder = options.holder ?? `pid:${process.pid}`;
    this.log = options.log ?? ((m) => console.error(m));
    this.now = options.now ?? Date.now;
    const unleased = jobs.find((j) => j.exclusive && !this.leases);
    if (unleased) throw new Error(`job ${unleased.name} is exclusive: the scheduler needs a lease store`);
    this.entries = jobs.map((job) => ({
      job,
      ttlMs: job.leaseMs ?? leaseTtlFor(job.everyMs),
      timer: null,
      dueAt: 0,
      current: null,
      soonMs: null,
      onDemand: false,
      lastToken: null,
      lastTurn: null,
      status: {
        name: job.name,
        everyMs: job.everyMs,
        exclusive: Boolean(job.exclusive),
        runs: 0,
        failures: 0,
        skipped: 0,
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
    this.entries.forEach((entry, i) => this.schedule(entry, initialDelayMs + i * 1_000, false));
  }

  /** Cancels future runs and waits for the ones in progress (and their leases' release). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.entries) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
    }
    await Promise.all(this.entries.map((e) => e.current));
  }

  /**
   * Runs a job now and waits for it; an exclusive job through its lease (not bound to a turn).
   * A run of the job already in progress here is awaited instead (unless `run` is given). Throws
   * the run's error, JobBusyError when another instance kept the lease for `waitMs`, or the lease
   * store's error.
   */
  async runNow(name: string, options: RunNowOptions = {}): Promise<JobStatus> {
    const entry = this.entry(name);
    if (!entry) throw new Error(`no job named ${name}`);
    const deadline = Date.now() + (options.waitMs ?? 0);
    for (;;) {
      if (options.run) while (entry.current) await entry.current;
      const outcome = await this.attempt(entry, true, options.run);
      if (outcome.ran) {
        if (outcome.error !== null) throw outcome.error;
        return this.statusOf(entry);
      }
      if (outcome.storeError !== null) throw outcome.storeError;
      const left = deadline - Date.now();
      if (left <= 0) throw new JobBusyError(name, (await this.leaseView(entry))?.holder ?? null);
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, left)));
    }
  }

  /** Brings a job's next run forward to within `delayMs` (many calls, one run), on demand. */
  runSoon(name: string, delayMs = 1_000): void {
    const entry = this.entry(name);
    if (!entry || this.stopped) return;
    if (entry.current) {
      entry.soonMs = Math.min(entry.soonMs ?? delayMs, delayMs);
      return;
    }
    if (entry.timer && entry.dueAt <= Date.now() + delayMs) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.schedule(entry, delayMs, true);
  }

  /** Every job's status; exclusive jobs' with who holds their lease and who ran them last. */
  async status(): Promise<JobStatus[]> {
    return Promise.all(this.entries.map((e) => this.statusOf(e)));
  }

  private entry(name: string): Entry | undefined {
    return this.entries.find((e) => e.job.name === name);
  }

  private async statusOf(entry: Entry): Promise<JobStatus> {
    return { ...entry.status, lease: await this.leaseView(entry) };
  }

  private async leaseView(entry: Entry): Promise<JobLeaseView | null> {
    if (!entry.job.exclusive || !this.leases) return null;
    try {
      const state = await this.leases.inspect(entry.job.name);
      return {
        holder: state.holder,
        lastHolder: state.lastHolder,
        ranHereLast: entry.lastToken !== null && state.token === entry.lastToken,
      };
    } catch {
      return null;
    }
  }

  private schedule(entry: Entry, delay: number, onDemand: boolean): void {
    if (this.stopped) return;
    entry.dueAt = Date.now() + delay;
    entry.onDemand = onDemand;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      void this.attempt(entry, entry.onDemand).then((outcome) => {
        if (entry.soonMs !== null) {
          const soon = entry.soonMs;
          entry.soonMs = null;
          this.schedule(entry, soon, true);
        } else {
          const next = this.untilNextTurn(entry);
          const retry = !outcome.ran && outcome.retry;
          this.schedule(entry, retry ? Math.min(next, retryMs(entry.job.everyMs)) : next, false);
        }
      });
    }, delay);
    entry.timer.unref();
  }

  /**
   * Exclusive jobs try at the start of each turn, or at once when the turn after the last one
   * tried has begun (an attempt that ran into it); others run `everyMs` after the last run.
   */
  private untilNextTurn(entry: Entry): number {
    const { everyMs } = entry.job;
    if (!entry.job.exclusive) return everyMs;
    const now = this.now();
    return Math.max(1, (entry.lastTurn ?? turnOf(now, everyMs)) + everyMs - now);
  }

  /** One attempt: joins a run in progress here; otherwise runs, through the lease when exclusive. */
  private attempt(entry: Entry, onDemand: boolean, run = entry.job.run): Promise<Outcome> {
    if (entry.current) return entry.current;
    const current = this.leased(entry, onDemand, run).finally(() => {
      entry.current = null;
    });
    entry.current = current;
    return current;
  }

  private async leased(entry: Entry, onDemand: boolean, run: Job['run']): Promise<Outcome> {
    if (!entry.job.exclusive || !this.leases) {
      return { ran: true, error: await this.execute(entry, run, { signal: NO_SIGNAL, token: null, turn: null }) };
    }
    const store = this.leases;
    const turn = onDemand ? null : turnOf(this.now(), entry.job.everyMs);
    if (turn !== null) entry.lastTurn = turn;
    const sent = Date.now();
    let lease: Lease | null;
    try {
      lease = await store.acquire(entry.job.name, this.holder, entry.ttlMs, turn);
      this.storeAnswered();
    } catch (err) {
      this.storeFailed(err);
      entry.status.skipped += 1;
      return { ran: false, storeError: err };
    }
    if (!lease) {
      entry.status.skipped += 1;
      // Held for an earlier turn or on demand, and this turn not run yet: worth another try.
      if (turn === null) return { ran: false, storeError: null };
      const state = await store.inspect(entry.job.name).catch(() => null);
      return { ran: false, storeError: null, retry: state !== null && state.holder !== null && state.turn < turn };
    }
    entry.lastToken = lease.token;
    const keeper = new LeaseKeeper(store, lease, entry.ttlMs, sent, {
      error: (err) => this.storeFailed(err),
      lost: (reason) => this.log(`observatory: job ${entry.job.name} stops: ${reason}`),
    });
    try {
      return { ran: true, error: await this.execute(entry, run, { signal: keeper.signal, token: lease.token, turn }) };
    } finally {
      keeper.stop();
      // A release that fails leaves the lease to expire: later turns wait at most its TTL.
      await store.release(lease).then(
        () => this.storeAnswered(),
        (err: unknown) => this.storeFailed(err),
      );
    }
  }

  /** Runs the job here; resolves to its error, or null. */
  private async execute(entry: Entry, run: Job['run'], ctx: JobContext): Promise<unknown> {
    const { status } = entry;
    const started = Date.now();
    status.running = true;
    status.lastStartedAt = started;
    try {
      await run(ctx);
      status.lastError = null;
      return null;
    } catch (err) {
      status.failures += 1;
      status.lastError = err instanceof Error ? err.message : String(err);
      this.log(`observatory: job ${entry.job.name} failed: ${status.lastError}`);
      return err;
    } finally {
      status.runs += 1;
      status.running = false;
      status.lastDurationMs = Date.now() - started;
    }
  }

  private storeFailed(err: unknown): void {
    if (!this.storeDown) {
      const message = err instanceof Error ? err.message : String(err);
      this.log(
        `observatory: job leases (${this.leases?.kind}) unreachable, exclusive jobs skip their turns until it answers: ${message}`,
      );
    }
    this.storeDown = true;
  }

  private storeAnswered(): void {
    if (this.storeDown) this.log(`observatory: job leases (${this.leases?.kind}) reachable again`);
    this.storeDown = false;
  }
}
