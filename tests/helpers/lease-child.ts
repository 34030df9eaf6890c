/**
 * One instance in a process of its own, for the job lease tests: a lease store on LEASE_STORE
 * (`database` on DATABASE_URL, or `redis` on REDIS_URL with keys under LEASE_PREFIX), driven by
 * JSON lines on stdin, answering in JSON lines on stdout:
 * - {"cmd":"acquire","name","ttlMs","turn"} → {"lease": Lease | null}
 * - {"cmd":"schedule","name","everyMs","workMs","now"} → a Scheduler running one exclusive job
 *   on a clock of the parent's (turns move only when it says so); each run prints
 *   {"run":{"holder","turn","token","start","end"}}, each answer to an attempt at a turn
 *   {"attempt":{"turn","got"}}
 * - {"cmd":"tick","now"} → sets that clock
 * - {"cmd":"stop"} → stops the scheduler (its run finishes, its lease is released), prints
 *   {"stopped":true} and exits.
 */
import readline from 'node:readline';
import { createDb, type Db } from '../../lib/db/client';
import { parseDatabaseUrl } from '../../lib/db/url';
import type { LeaseStore } from '../../lib/jobs/lease';
import { DbLeaseStore } from '../../lib/jobs/lease-db';
import { RedisLeaseStore } from '../../lib/jobs/lease-redis';
import { Scheduler } from '../../lib/jobs/scheduler';
import { createRedis, whenReady, type Redis } from '../../lib/redis/client';

const holder = process.env.LEASE_HOLDER ?? `child:${process.pid}`;
let db: Db | null = null;
let redis: Redis | null = null;
let store: LeaseStore;
if (process.env.LEASE_STORE === 'redis') {
  redis = createRedis(process.env.REDIS_URL!);
  await whenReady(redis, 10_000);
  const prefix = process.env.LEASE_PREFIX!;
  store = new RedisLeaseStore(redis, async () => prefix);
} else {
  db = createDb(parseDatabaseUrl(process.env.DATABASE_URL!));
  store = new DbLeaseStore(db);
}

const say = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
let scheduler: Scheduler | null = null;
let clock = 0;

// The first statements of a process are slow (connections, query compiler): made here, not in a turn.
await store.inspect('warm-up');

/** The store, telling the parent how each attempt at a turn went. */
const reporting: LeaseStore = {
  kind: store.kind,
  acquire: async (name, who, ttlMs, turn) => {
    const lease = await store.acquire(name, who, ttlMs, turn);
    if (turn !== null) say({ attempt: { turn, got: lease !== null } });
    return lease;
  },
  renew: (lease, ttlMs) => store.renew(lease, ttlMs),
  release: (lease) => store.release(lease),
  inspect: (name) => store.inspect(name),
};

type Command =
  | { cmd: 'acquire'; name: string; ttlMs: number; turn: number | null }
  | { cmd: 'schedule'; name: string; everyMs: number; workMs: number; now: number }
  | { cmd: 'tick'; now: number }
  | { cmd: 'stop' };

async function handle(command: Command): Promise<void> {
  if (command.cmd === 'acquire') {
    say({ lease: await store.acquire(command.name, holder, command.ttlMs, command.turn) });
  } else if (command.cmd === 'tick') {
    clock = command.now;
  } else if (command.cmd === 'schedule') {
    clock = command.now;
    scheduler = new Scheduler(
      [
        {
          name: command.name,
          everyMs: command.everyMs,
          exclusive: true,
          run: async ({ token, turn }) => {
            const start = Date.now();
            await new Promise((resolve) => setTimeout(resolve, command.workMs));
            say({ run: { holder, turn, token, start, end: Date.now() } });
          },
        },
      ],
      { leases: reporting, holder, log: (m) => say({ log: m }), now: () => clock },
    );
    scheduler.start(0);
    say({ scheduled: true });
  } else {
    await scheduler?.stop();
    await db?.$disconnect();
    redis?.disconnect();
    say({ stopped: true });
    process.exit(0);
  }
}

say({ ready: true });
const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  await handle(JSON.parse(line) as Command);
}
