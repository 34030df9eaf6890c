/**
 * A job's lease: while an instance holds it, no other instance runs that job. It is taken for a
 * time to live and renewed while the job runs; a holder that dies stops renewing, and another
 * instance takes the lease once it has expired. Each acquisition gets the next fencing token
 * (per job, only ever higher), so a run can tell that a later holder exists.
 *
 * Acquiring for a turn (the start of the interval a scheduled run belongs to) also claims that
 * turn: once an instance has taken the lease for a turn, nobody takes it for that turn or an
 * earlier one again, so each turn runs once across instances even though the lease is released
 * between runs. On-demand runs (runNow, runSoon) take the lease without a turn.
 *
 * Stores: lease-db.ts (the JobLease table, the default) and lease-redis.ts (with REDIS_URL).
 */
export type Lease = {
  name: string;
  holder: string;
  token: number;
  /** The turn claimed with it, or null for an on-demand run. */
  turn: number | null;
};

/** What a store knows of a job's lease, for status pages. */
export type LeaseState = {
  /** The instance holding it now, or null when nobody does. */
  holder: string | null;
  /** The instance that took it last (it ran the job last). */
  lastHolder: string | null;
  /** The latest fencing token handed out (0: never taken). */
  token: number;
  /** The latest turn claimed (0: none). */
  turn: number;
};

export interface LeaseStore {
  /** Which store this is, for status and logs. */
  readonly kind: 'database' | 'redis';
  /**
   * Takes the lease when nobody holds it (and, with a turn, when that turn is not claimed yet):
   * the lease, or null when another holder has it or the turn ran. Throws when the store cannot
   * be reached: the caller must then not run the job.
   */
  acquire(name: string, holder: string, ttlMs: number, turn: number | null): Promise<Lease | null>;
  /** Extends a lease still held to `ttlMs` from now; false when it expired or was taken over. */
  renew(lease: Lease, ttlMs: number): Promise<boolean>;
  /** Gives the lease up; false when it was no longer held (nothing changes then). */
  release(lease: Lease): Promise<boolean>;
  inspect(name: string): Promise<LeaseState>;
}

/** Shortest lease: renewed every third of it, a run survives stalls of ten seconds or so. */
export const MIN_LEASE_MS = 15_000;
/** Longest default lease: how long other instances wait after a holder died mid-run. */
export const MAX_LEASE_MS = 60_000;

/**
 * The default time to live of a job's lease: twice its interval, within 15 s and 60 s (fold
 * every 5 s: 15 s; alerts every 30 s, compaction every minute, retention hourly: 60 s). A holder
 * renews every third of it; after a holder dies, its job pauses at most this long.
 */
export function leaseTtlFor(everyMs: number): number {
  return Math.min(MAX_LEASE_MS, Math.max(MIN_LEASE_MS, 2 * everyMs));
}

/** The turn a moment falls in: the start of its interval, in milliseconds since the epoch. */
export function turnOf(now: number, everyMs: number): number {
  return Math.floor(now / everyMs) * everyMs;
}
