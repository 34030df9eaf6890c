/**
 * Job leases on every store (SQLite, PostgreSQL, Redis), held by two instances with their own
 * connections, and by two processes: racing for a job, exactly one acquires (also when both
 * create its first row); a renewal keeps it; a release or the expiry of a holder that stopped
 * renewing lets the other take it; the stale holder's renew and release then fail and do not
 * take it back; fencing tokens only go up; a claimed turn is not run again. Two schedulers in
 * separate processes running one exclusive job never overlap and run every turn once.
 * Database stores run on an injected clock; Redis on its own, with waits longer than the TTLs;
 * the schedulers' turns on a clock the test moves. While Redis cannot be reached, exclusive
 * jobs skip their turns (logged once) and run again once it answers.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { parseDatabaseUrl } from '@/lib/db/url';
import { installationId } from '@/lib/jobs/installation';
import type { Lease, LeaseStore } from '@/lib/jobs/lease';
import { DbLeaseStore } from '@/lib/jobs/lease-db';
import { RedisLeaseStore } from '@/lib/jobs/lease-redis';
import { Scheduler } from '@/lib/jobs/scheduler';
import { createRedis, whenReady, type Redis } from '@/lib/redis/client';
import { migratedDb } from '../helpers/db';
import { databaseProviders, REDIS_URL, type TestDatabase } from '../helpers/services';
import { TcpProxy } from '../helpers/tcp-proxy';

const ROOT = path.resolve(import.meta.dirname, '../..');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Two instances' stores on one backing store, and how time passes for them. */
type Setup = {
  a: LeaseStore;
  b: LeaseStore;
  /** Lets `ms` pass for the leases: the injected clock moves, or (Redis) real time passes. */
  pass(ms: number): Promise<void>;
  /** What a child process needs to reach the same leases. */
  childEnv: Record<string, string>;
  close(): Promise<void>;
};

type Backend = [string, () => Promise<Setup>];

function backends(): Backend[] {
  const list: Backend[] = databaseProviders().map(([name, fresh]): Backend => [
    name,
    async () => {
      const { database, db } = await migratedDb(fresh);
      const other = createDb(parseDatabaseUrl(database.url));
      let now = Date.now();
      const clock = () => now;
      return {
        a: new DbLeaseStore(db, clock),
        b: new DbLeaseStore(other, clock),
        pass: async (ms) => void (now += ms),
        childEnv: { LEASE_STORE: 'database', DATABASE_URL: database.url },
        close: async () => {
          await Promise.all([db.$disconnect(), other.$disconnect()]);
          await database.drop();
        },
      };
    },
  ]);
  if (REDIS_URL) {
    list.push([
      'redis',
      async () => {
        const prefix = `observatory-test:${randomBytes(6).toString('hex')}:`;
        const connections: Redis[] = [createRedis(REDIS_URL!), createRedis(REDIS_URL!)];
        await Promise.all(connections.map((r) => whenReady(r, 10_000)));
        const [ra, rb] = connections as [Redis, Redis];
        return {
          a: new RedisLeaseStore(ra, async () => prefix),
          b: new RedisLeaseStore(rb, async () => prefix),
          pass: (ms) => sleep(ms),
          childEnv: { LEASE_STORE: 'redis', REDIS_URL: REDIS_URL!, LEASE_PREFIX: prefix },
          close: async () => {
            const keys = await ra.keys(`${prefix}*`);
            if (keys.length) await ra.del(...keys);
            connections.forEach((r) => r.disconnect());
          },
        };
      },
    ]);
  } else {
    console.warn('REDIS_URL is not set: the Redis lease suite does not run (it is required with CI=true)');
  }
  return list;
}

/** A lease holder in a process of its own (tests/helpers/lease-child.ts). */
class Child {
  private readonly proc: ChildProcessWithoutNullStreams;
  readonly messages: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];
  stderr = '';

  constructor(env: Record<string, string>, holder: string) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/lease-child.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env, LEASE_HOLDER: holder },
    });
    this.proc.stderr.on('data', (c: Buffer) => (this.stderr += c.toString()));
    readline.createInterface({ input: this.proc.stdout }).on('line', (line) => {
      this.messages.push(JSON.parse(line) as Record<string, unknown>);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** The first message (from `from` on) that has `key`, waiting for it. */
  async next(key: string, from = 0, timeoutMs = 60_000): Promise<{ message: Record<string, unknown>; at: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.messages.findIndex((m, i) => i >= from && key in m);
      if (at >= 0) return { message: this.messages[at]!, at };
      if (Date.now() > deadline) throw new Error(`no "${key}" from the child; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
  }

  send(command: Record<string, unknown>): void {
    this.proc.stdin.write(`${JSON.stringify(command)}\n`);
  }

  /** Sends an acquire and waits for its answer. */
  async acquire(name: string, ttlMs: number, turn: number | null): Promise<Lease | null> {
    const from = this.messages.length;
    this.send({ cmd: 'acquire', name, ttlMs, turn });
    return (await this.next('lease', from)).message.lease as Lease | null;
  }

  runs(): Run[] {
    return this.messages.filter((m) => 'run' in m).map((m) => m.run as Run);
  }

  attempts(): { turn: number; got: boolean }[] {
    return this.messages.filter((m) => 'attempt' in m).map((m) => m.attempt as { turn: number; got: boolean });
  }

  kill(): void {
    this.proc.kill();
  }
}

type Run = { holder: string; turn: number; token: number; start: number; end: number };

describe.each(backends())('job leases in %s', (_name, open) => {
  let s: Setup;
  beforeAll(async () => {
    s = await open();
  });
  afterAll(async () => {
    await s.close();
  });

  it('two instances racing for a job: exactly one acquires, also when both create its first row', async () => {
    for (let round = 0; round < 15; round++) {
      const name = `race-${round}`;
      const results = await Promise.all([s.a.acquire(name, 'a', 60_000, null), s.b.acquire(name, 'b', 60_000, null)]);
      expect(results.filter(Boolean), `round ${round}`).toHaveLength(1);
      const winner = results.find(Boolean)!;
      expect(winner.token).toBe(1);
      expect((await s.a.inspect(name)).holder).toBe(winner.holder);
    }
    // On a row that exists: released between rounds, raced again.
    const tokens: number[] = [];
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all([
        s.a.acquire('contested', 'a', 60_000, null),
        s.b.acquire('contested', 'b', 60_000, null),
      ]);
      const won = results.filter((r): r is Lease => r !== null);
      expect(won, `round ${round}`).toHaveLength(1);
      tokens.push(won[0]!.token);
      expect(await (won[0]!.holder === 'a' ? s.a : s.b).release(won[0]!)).toBe(true);
    }
    expect(tokens).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  });

  it('a renewal keeps the lease; a release lets the other instance take it', async () => {
    const lease = (await s.a.acquire('renewed', 'a', 1_500, null))!;
    expect(lease).toMatchObject({ name: 'renewed', holder: 'a', token: 1, turn: null });
    expect(await s.a.renew(lease, 60_000)).toBe(true);
    await s.pass(2_000);
    // Past the first TTL: held only thanks to the renewal.
    expect(await s.b.acquire('renewed', 'b', 60_000, null)).toBeNull();
    expect(await s.b.inspect('renewed')).toEqual({ holder: 'a', lastHolder: 'a', token: 1, turn: 0 });
    expect(await s.a.release(lease)).toBe(true);
    expect(await s.a.inspect('renewed')).toEqual({ holder: null, lastHolder: 'a', token: 1, turn: 0 });
    const taken = (await s.b.acquire('renewed', 'b', 60_000, null))!;
    expect(taken.token).toBe(2);
    expect(await s.a.release(lease)).toBe(false);
    expect((await s.a.inspect('renewed')).holder).toBe('b');
  });

  it('a holder that stops renewing loses the lease at expiry; its late renew and release take nothing back', async () => {
    const stale = (await s.a.acquire('expiring', 'a', 60_000, null))!;
    // Its last renewal: then it "dies".
    expect(await s.a.renew(stale, 100)).toBe(true);
    await s.pass(300);
    const taken = (await s.b.acquire('expiring', 'b', 60_000, null))!;
    expect(taken).not.toBeNull();
    expect(taken.token).toBeGreaterThan(stale.token);
    expect(await s.a.renew(stale, 60_000)).toBe(false);
    expect(await s.a.release(stale)).toBe(false);
    expect(await s.a.acquire('expiring', 'a', 60_000, null)).toBeNull();
    expect(await s.a.inspect('expiring')).toEqual({ holder: 'b', lastHolder: 'b', token: taken.token, turn: 0 });
    expect(await s.b.renew(taken, 60_000)).toBe(true);
    expect(await s.b.release(taken)).toBe(true);
  });

  it('an expired lease cannot be renewed even before another instance takes it', async () => {
    const lease = (await s.a.acquire('lapsed', 'a', 60_000, null))!;
    expect(await s.a.renew(lease, 100)).toBe(true);
    await s.pass(300);
    expect(await s.a.renew(lease, 60_000)).toBe(false);
    expect((await s.b.inspect('lapsed')).holder).toBeNull();
  });

  it('a turn, once claimed, runs nowhere again; runs on demand pass by it', async () => {
    const turn = 1_800_000_000_000;
    const first = (await s.a.acquire('turns', 'a', 60_000, turn))!;
    expect(first.turn).toBe(turn);
    expect(await s.a.release(first)).toBe(true);
    expect(await s.b.acquire('turns', 'b', 60_000, turn)).toBeNull();
    expect(await s.b.acquire('turns', 'b', 60_000, turn - 60_000)).toBeNull();
    const onDemand = (await s.b.acquire('turns', 'b', 60_000, null))!;
    expect(onDemand.token).toBe(2);
    expect(await s.b.release(onDemand)).toBe(true);
    // The on-demand run left the claimed turn as it was.
    expect((await s.a.inspect('turns')).turn).toBe(turn);
    expect(await s.a.acquire('turns', 'a', 60_000, turn)).toBeNull();
    const next = (await s.b.acquire('turns', 'b', 60_000, turn + 60_000))!;
    expect(next.token).toBe(3);
    // Both instances asking for the next turn at once: one gets it.
    expect(await s.b.release(next)).toBe(true);
    const raced = await Promise.all([
      s.a.acquire('turns', 'a', 60_000, turn + 120_000),
      s.b.acquire('turns', 'b', 60_000, turn + 120_000),
    ]);
    expect(raced.filter(Boolean)).toHaveLength(1);
  });

  it('two processes racing for a job: exactly one acquires, with increasing tokens', async () => {
    const children = [new Child(s.childEnv, 'p1'), new Child(s.childEnv, 'p2')];
    try {
      await Promise.all(children.map((c) => c.next('ready')));
      const tokens: number[] = [];
      for (let round = 0; round < 8; round++) {
        const name = round < 4 ? `process-race-${round}` : 'process-race';
        const leases = await Promise.all(children.map((c) => c.acquire(name, 60_000, null)));
        const won = leases.filter((l): l is Lease => l !== null);
        expect(won, `round ${round}`).toHaveLength(1);
        if (round >= 4) {
          tokens.push(won[0]!.token);
          // The parent, a third instance, ends the winner's lease as its own stale release cannot.
          expect(await s.a.release(won[0]!)).toBe(true);
        }
      }
      expect(tokens).toEqual([1, 2, 3, 4]);
    } finally {
      children.forEach((c) => c.kill());
    }
  });

  it('two schedulers in separate processes never overlap and run every turn once', async () => {
    // The schedulers read turns from a clock the test moves once both have tried the turn and
    // one has run it, so a slow machine delays the test but cannot make a turn go untried.
    const everyMs = 100;
    const turns = 12;
    const t0 = 1_800_000_000_000;
    const children = [new Child(s.childEnv, 'p1'), new Child(s.childEnv, 'p2')];
    try {
      await Promise.all(children.map((c) => c.next('ready')));
      for (const c of children) c.send({ cmd: 'schedule', name: 'scheduled', everyMs, workMs: 50, now: t0 });
      for (let k = 0; k < turns; k++) {
        const turn = t0 + k * everyMs;
        if (k > 0) for (const c of children) c.send({ cmd: 'tick', now: turn });
        const deadline = Date.now() + 30_000;
        const tried = () => children.every((c) => c.attempts().some((a) => a.turn === turn));
        const ran = () => children.some((c) => c.runs().some((r) => r.turn === turn));
        while (!(tried() && ran())) {
          if (Date.now() > deadline) throw new Error(`turn ${k} was not tried by both or not run`);
          await sleep(10);
        }
      }
      for (const c of children) c.send({ cmd: 'stop' });
      await Promise.all(children.map((c) => c.next('stopped')));
      const runs = children.flatMap((c) => c.runs()).sort((x, y) => x.start - y.start);
      // No run starts before the one before it ended, whichever process ran either.
      expect(runs.filter((r, i) => i > 0 && r.start < runs[i - 1]!.end)).toEqual([]);
      // Every turn ran once, in order, with ever higher tokens, though both tried each.
      expect(runs.map((r) => r.turn)).toEqual(Array.from({ length: turns }, (_, k) => t0 + k * everyMs));
      expect(runs.every((r, i) => i === 0 || r.token > runs[i - 1]!.token)).toBe(true);
      const skipped = children.flatMap((c) => c.attempts()).filter((a) => !a.got);
      expect(skipped.length).toBeGreaterThanOrEqual(turns);
      expect(children.flatMap((c) => c.messages).filter((m) => 'log' in m)).toEqual([]);
    } finally {
      children.forEach((c) => c.kill());
    }
  }, 240_000);
});

describe.each(databaseProviders())('the installation id on %s', (_name, fresh) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    ({ database, db } = await migratedDb(fresh));
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('is made once, and instances starting at once read the same one', async () => {
    const other = createDb(parseDatabaseUrl(database.url));
    try {
      const ids = await Promise.all([installationId(db), installationId(other), installationId(db)]);
      expect(ids[0]).toMatch(/^[0-9a-f]{16}$/);
      expect(new Set(ids).size).toBe(1);
      expect(await installationId(other)).toBe(ids[0]);
    } finally {
      await other.$disconnect();
    }
  });
});

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe.runIf(REDIS_URL)('job leases while Redis is unreachable', () => {
  it('exclusive jobs skip their turns, say so once, and run again once Redis answers', async () => {
    const real = new URL(REDIS_URL!);
    const proxy = new TcpProxy(real.hostname, Number(real.port || 6379));
    const port = await proxy.start();
    const redis = createRedis(`redis://127.0.0.1:${port}`);
    const prefix = `observatory-test:${randomBytes(6).toString('hex')}:`;
    const logged: string[] = [];
    let runs = 0;
    const scheduler = new Scheduler(
      [{ name: 'job', everyMs: 50, exclusive: true, run: async () => void (runs += 1) }],
      { leases: new RedisLeaseStore(redis, async () => prefix), holder: 'a', log: (m) => logged.push(m) },
    );
    const skipped = async () => (await scheduler.status())[0]!.skipped;
    try {
      await whenReady(redis, 10_000);
      scheduler.start(0);
      await until('two runs', () => runs >= 2);
      expect(logged).toEqual([]);

      await proxy.stop();
      await until('the outage to be noticed', () => logged.length > 0);
      const runsBefore = runs;
      const skippedBefore = await skipped();
      await until('three turns skipped', async () => (await skipped()) >= skippedBefore + 3);
      expect(runs).toBe(runsBefore);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(
        /^observatory: job leases \(redis\) unreachable, exclusive jobs skip their turns until it answers: /,
      );
      expect((await scheduler.status())[0]!.lease).toBeNull();

      await proxy.start(port);
      await until('a run after the outage', () => runs > runsBefore);
      expect(logged.slice(1)).toEqual(['observatory: job leases (redis) reachable again']);
      expect((await scheduler.status())[0]!.lease).toMatchObject({ lastHolder: 'a', ranHereLast: true });
    } finally {
      await scheduler.stop();
      await proxy.stop();
      redis.disconnect();
      const direct = createRedis(REDIS_URL!);
      await whenReady(direct, 10_000);
      const keys = await direct.keys(`${prefix}*`);
      if (keys.length) await direct.del(...keys);
      direct.disconnect();
    }
  }, 120_000);
});
