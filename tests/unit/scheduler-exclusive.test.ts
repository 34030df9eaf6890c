/**
 * Exclusive jobs in the scheduler: run only while holding their lease, once per turn across
 * schedulers, released after; skipped while the lease is elsewhere or the store unreachable
 * (logged once); a lost lease aborts the run's signal; runNow and runSoon go through the lease.
 * The stores here are in memory; tests/integration/job-lease.test.ts runs the real ones.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Lease, LeaseState, LeaseStore } from '@/lib/jobs/lease';
import { JobBusyError, Scheduler, type Job } from '@/lib/jobs/scheduler';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

type Row = { holder: string; token: number; turn: number; expiresAt: number };

/** The lease rules of lease-db.ts over a Map, with switches to refuse renewals or fail. */
class MemoryLeases implements LeaseStore {
  readonly kind = 'database';
  readonly rows = new Map<string, Row>();
  failing: Error | null = null;
  refuseRenewals = false;
  acquisitions: Lease[] = [];
  renewals = 0;

  async acquire(name: string, holder: string, ttlMs: number, turn: number | null): Promise<Lease | null> {
    if (this.failing) throw this.failing;
    const now = Date.now();
    const row = this.rows.get(name);
    if (row && row.expiresAt > now) return null;
    if (turn !== null && row && row.turn >= turn) return null;
    const token = (row?.token ?? 0) + 1;
    this.rows.set(name, { holder, token, turn: Math.max(turn ?? 0, row?.turn ?? 0), expiresAt: now + ttlMs });
    const lease = { name, holder, token, turn };
    this.acquisitions.push(lease);
    return lease;
  }

  async renew(lease: Lease, ttlMs: number): Promise<boolean> {
    if (this.failing) throw this.failing;
    const row = this.rows.get(lease.name);
    this.renewals += 1;
    if (this.refuseRenewals || !row || row.token !== lease.token || row.expiresAt <= Date.now()) return false;
    row.expiresAt = Date.now() + ttlMs;
    return true;
  }

  async release(lease: Lease): Promise<boolean> {
    if (this.failing) throw this.failing;
    const row = this.rows.get(lease.name);
    if (!row || row.token !== lease.token || row.expiresAt <= Date.now()) return false;
    row.expiresAt = 0;
    return true;
  }

  async inspect(name: string): Promise<LeaseState> {
    if (this.failing) throw this.failing;
    const row = this.rows.get(name);
    if (!row) return { holder: null, lastHolder: null, token: 0, turn: 0 };
    return {
      holder: row.expiresAt > Date.now() ? row.holder : null,
      lastHolder: row.holder,
      token: row.token,
      turn: row.turn,
    };
  }
}

const schedulers: Scheduler[] = [];
function scheduler(jobs: Job[], leases: LeaseStore, holder = 'here', log: (m: string) => void = () => {}) {
  const s = new Scheduler(jobs, { leases, holder, log });
  schedulers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop()));
});

describe('Scheduler: exclusive jobs', () => {
  it('needs a lease store', () => {
    expect(() => new Scheduler([{ name: 'x', everyMs: 10, exclusive: true, run: async () => {} }])).toThrow(
      'job x is exclusive: the scheduler needs a lease store',
    );
  });

  it('skips its turns while another instance holds the lease', async () => {
    const leases = new MemoryLeases();
    leases.rows.set('job', { holder: 'elsewhere', token: 7, turn: 0, expiresAt: Date.now() + 600_000 });
    let runs = 0;
    const s = scheduler([{ name: 'job', everyMs: 10, exclusive: true, run: async () => void (runs += 1) }], leases);
    s.start(0);
    await waitFor('three skipped turns', async () => (await skipped(s)) >= 3);
    const [status] = await s.status();
    expect(runs).toBe(0);
    expect(status).toMatchObject({ runs: 0, exclusive: true });
    expect(status!.lease).toEqual({ holder: 'elsewhere', lastHolder: 'elsewhere', ranHereLast: false });
  });

  it('runs while holding the lease for its turn and releases it after', async () => {
    const leases = new MemoryLeases();
    const seen: { holder: string | null; token: number | null; turn: number | null }[] = [];
    const s = scheduler(
      [
        {
          name: 'job',
          everyMs: 60_000,
          exclusive: true,
          run: async ({ token, turn }) => {
            seen.push({ holder: (await leases.inspect('job')).holder, token, turn });
          },
        },
      ],
      leases,
    );
    s.start(0);
    await waitFor('a run to end', async () => (await s.status())[0]!.runs === 1 && !(await s.status())[0]!.running);
    expect(seen[0]).toEqual({ holder: 'here', token: 1, turn: Math.floor(Date.now() / 60_000) * 60_000 });
    // Released: nobody holds it, and this instance ran it last.
    const [status] = await s.status();
    expect(status!.lease).toEqual({ holder: null, lastHolder: 'here', ranHereLast: true });
    expect(leases.rows.get('job')!.expiresAt).toBe(0);
    // The turn is claimed: another instance cannot run it again in the same turn.
    const turn = seen[0]!.turn!;
    expect(await leases.acquire('job', 'other', 60_000, turn)).toBeNull();
  });

  it('runs each turn once across two schedulers, never both at once', async () => {
    const leases = new MemoryLeases();
    const runs: { by: string; turn: number | null }[] = [];
    let running = 0;
    let overlapped = false;
    const job = (by: string): Job => ({
      name: 'shared',
      everyMs: 40,
      exclusive: true,
      run: async ({ turn }) => {
        running += 1;
        if (running > 1) overlapped = true;
        runs.push({ by, turn });
        await sleep(5);
        running -= 1;
      },
    });
    const a = scheduler([job('a')], leases, 'a');
    const b = scheduler([job('b')], leases, 'b');
    a.start(0);
    b.start(0);
    await waitFor('eight runs', () => runs.length >= 8);
    await Promise.all([a.stop(), b.stop()]);
    const turns = runs.map((r) => r.turn);
    expect(new Set(turns).size).toBe(turns.length);
    expect(overlapped).toBe(false);
    // Both tried every turn: whatever one ran, the other skipped.
    const status = [...(await a.status()), ...(await b.status())];
    expect(status.reduce((n, st) => n + st.runs, 0)).toBe(runs.length);
    expect(status.reduce((n, st) => n + st.skipped, 0)).toBeGreaterThan(0);
  });

  it('skips while the lease store is unreachable, logs that once, and once when it answers', async () => {
    const leases = new MemoryLeases();
    leases.failing = new Error('connect ECONNREFUSED 127.0.0.1:6379');
    const logged: string[] = [];
    let runs = 0;
    const s = scheduler(
      [{ name: 'job', everyMs: 10, exclusive: true, run: async () => void (runs += 1) }],
      leases,
      'here',
      (m) => logged.push(m),
    );
    s.start(0);
    await waitFor('five skipped turns', async () => (await skipped(s)) >= 5);
    expect(runs).toBe(0);
    expect(logged).toEqual([
      'observatory: job leases (database) unreachable, exclusive jobs skip their turns until it answers: connect ECONNREFUSED 127.0.0.1:6379',
    ]);
    expect((await s.status())[0]!.lease).toBeNull();
    leases.failing = null;
    await waitFor('a run', () => runs >= 1);
    expect(logged.slice(1)).toEqual(['observatory: job leases (database) reachable again']);
  });

  it("aborts the run's signal when the lease is lost, and the run stops there", async () => {
    const leases = new MemoryLeases();
    const logged: string[] = [];
    let reason: unknown = null;
    let finished = false;
    const s = scheduler(
      [
        {
          name: 'long',
          everyMs: 60_000,
          exclusive: true,
          leaseMs: 900,
          run: ({ signal }) =>
            new Promise<void>((resolve) => {
              signal.addEventListener('abort', () => {
                reason = signal.reason;
                finished = true;
                resolve();
              });
            }),
        },
      ],
      leases,
      'here',
      (m) => logged.push(m),
    );
    s.start(0);
    await waitFor('the run to start', () => leases.acquisitions.length === 1);
    // Renewals (every 300 ms) keep it past its 900 ms while they succeed.
    await waitFor('four renewals', () => leases.renewals >= 4);
    expect(finished).toBe(false);
    leases.refuseRenewals = true;
    await waitFor('the run to stop', () => finished);
    expect(String(reason)).toBe('LeaseLostError: job long: its lease expired or was taken over');
    expect(logged).toContain('observatory: job long stops: its lease expired or was taken over');
  });

  it('aborts the run when renewals cannot reach the store until the lease runs out', async () => {
    const leases = new MemoryLeases();
    let reason: unknown = null;
    const s = scheduler(
      [
        {
          name: 'long',
          everyMs: 60_000,
          exclusive: true,
          leaseMs: 60,
          run: ({ signal }) =>
            new Promise<void>((resolve) =>
              signal.addEventListener('abort', () => {
                reason = signal.reason;
                resolve();
              }),
            ),
        },
      ],
      leases,
    );
    s.start(0);
    await waitFor('the run to start', () => leases.acquisitions.length === 1);
    leases.failing = new Error('Connection is closed.');
    await waitFor('the run to stop', () => reason !== null);
    expect(String(reason)).toBe('LeaseLostError: job long: its lease ran out before a renewal got through');
  });

  it('runNow takes the lease without a turn, waits for another holder, and reports busy after waitMs', async () => {
    const leases = new MemoryLeases();
    const turns: (number | null)[] = [];
    const s = scheduler(
      [{ name: 'job', everyMs: 60_000, exclusive: true, run: async ({ turn }) => void turns.push(turn) }],
      leases,
    );
    leases.rows.set('job', { holder: 'elsewhere', token: 3, turn: 0, expiresAt: Date.now() + 600_000 });
    await expect(s.runNow('job')).rejects.toThrow(new JobBusyError('job', 'elsewhere'));
    expect(turns).toEqual([]);

    // The other instance releases while this one waits.
    setTimeout(() => (leases.rows.get('job')!.expiresAt = 0), 50);
    const status = await s.runNow('job', { waitMs: 30_000 });
    expect(turns).toEqual([null]);
    expect(status).toMatchObject({ runs: 1, lease: { holder: null, lastHolder: 'here', ranHereLast: true } });
    expect(leases.acquisitions.map((l) => l.token)).toEqual([4]);

    // A turn already claimed does not stop an on-demand run.
    leases.rows.get('job')!.turn = Number.MAX_SAFE_INTEGER;
    await s.runNow('job');
    expect(turns).toEqual([null, null]);
  });

  it("runNow runs a body of the caller's under the lease and throws its error", async () => {
    const leases = new MemoryLeases();
    let holderDuring: string | null = null;
    const s = scheduler([{ name: 'job', everyMs: 60_000, exclusive: true, run: async () => {} }], leases);
    await s.runNow('job', {
      run: async () => {
        holderDuring = (await leases.inspect('job')).holder;
      },
    });
    expect(holderDuring).toBe('here');
    await expect(
      s.runNow('job', {
        run: async () => {
          throw new Error('database is down');
        },
      }),
    ).rejects.toThrow('database is down');
    expect((await leases.inspect('job')).holder).toBeNull();
    leases.failing = new Error('unreachable');
    await expect(s.runNow('job')).rejects.toThrow('unreachable');
  });

  it('runSoon runs an exclusive job on demand, whatever turn was claimed', async () => {
    const leases = new MemoryLeases();
    leases.rows.set('compaction', { holder: 'elsewhere', token: 1, turn: Number.MAX_SAFE_INTEGER, expiresAt: 0 });
    const turns: (number | null)[] = [];
    const s = scheduler(
      [{ name: 'compaction', everyMs: 60_000, exclusive: true, run: async ({ turn }) => void turns.push(turn) }],
      leases,
    );
    s.start(60_000);
    s.runSoon('compaction', 10);
    await waitFor('the run', () => turns.length === 1);
    expect(turns).toEqual([null]);
    expect(leases.rows.get('compaction')).toMatchObject({ holder: 'here', token: 2 });
  });
});

async function skipped(s: Scheduler): Promise<number> {
  return (await s.status())[0]!.skipped;
}
