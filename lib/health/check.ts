import type { Db } from '../db/client';
import type { DbProvider } from '../db/url';
import { whenReady, type Redis } from '../redis/client';
import { withTimeout } from '../timeout';
import { uptimeSeconds, VERSION } from '../version';

export type HealthReport = {
  /** ok: all good; degraded: serving, an optional dependency is down; unavailable: cannot serve. */
  status: 'ok' | 'degraded' | 'unavailable';
  db: 'ok' | 'unreachable';
  provider: DbProvider;
  redis: 'ok' | 'unreachable' | 'disabled';
  version: string;
  /** Seconds since the process started. */
  uptime: number;
};

export type HealthDeps = { db: Db; provider: DbProvider; redis: Redis | null };

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  try {
    await withTimeout(check(), timeoutMs, 'health probe');
    return true;
  } catch {
    return false;
  }
}

/** Probes the database and Redis concurrently, each bounded by `timeoutMs`. */
export async function checkHealth({ db, provider, redis }: HealthDeps, timeoutMs = 2_000): Promise<HealthReport> {
  const [dbOk, redisOk] = await Promise.all([
    probe(() => db.$queryRaw`SELECT 1`, timeoutMs),
    redis ? probe(async () => (await whenReady(redis, timeoutMs), redis.ping()), timeoutMs) : Promise.resolve(null),
  ]);
  const redisState = redisOk === null ? 'disabled' : redisOk ? 'ok' : 'unreachable';
  return {
    status: !dbOk ? 'unavailable' : redisState === 'unreachable' ? 'degraded' : 'ok',
    db: dbOk ? 'ok' : 'unreachable',
    provider,
    redis: redisState,
    version: VERSION,
    uptime: uptimeSeconds(),
  };
}
