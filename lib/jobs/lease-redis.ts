/**
 * Leases in Redis (with REDIS_URL). Per job, a string key holding "<token> <holder>" that
 * expires on Redis's own clock (SET NX PX), and a hash that outlives it with the job's token
 * counter, its latest claimed turn and its last holder. Each operation is one Lua script, so it
 * is atomic: acquire checks and sets the key, takes the next token and claims the turn;
 * renew (PEXPIRE) and release (DEL) act only while the key still holds the caller's token.
 *
 * Keys carry a prefix naming the installation (its id in the database, lib/jobs/installation.ts):
 * installations sharing one Redis each have their own leases.
 *
 * Redis keeps no history across a restart without persistence: tokens then start again from 1
 * and a turn may run a second time. While Redis cannot be reached every operation throws (the
 * shared connection fails fast), and the scheduler skips exclusive jobs rather than run them
 * without a lease.
 */
import { whenReady, type Redis } from '../redis/client';
import type { Lease, LeaseState, LeaseStore } from './lease';

const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local turn = ARGV[3]
if turn ~= '' then
  local last = redis.call('HGET', KEYS[2], 'turn')
  if last and tonumber(last) >= tonumber(turn) then return false end
end
local token = redis.call('HINCRBY', KEYS[2], 'token', 1)
redis.call('SET', KEYS[1], token .. ' ' .. ARGV[1], 'NX', 'PX', ARGV[2])
redis.call('HSET', KEYS[2], 'holder', ARGV[1])
if turn ~= '' then redis.call('HSET', KEYS[2], 'turn', turn) end
return token
`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

type Commands = {
  observatoryLeaseAcquire(
    lease: string,
    job: string,
    holder: string,
    ttl: number,
    turn: string,
  ): Promise<number | null>;
  observatoryLeaseRenew(lease: string, value: string, ttl: number): Promise<number>;
  observatoryLeaseRelease(lease: string, value: string): Promise<number>;
};

/** How long an operation waits for a connection that is being made before it fails. */
const READY_MS = 2_000;

export class RedisLeaseStore implements LeaseStore {
  readonly kind = 'redis';
  private readonly commands: Redis & Commands;

  /** `prefix`: resolves to this installation's key prefix (asked for each operation; cache it). */
  constructor(
    redis: Redis,
    private readonly prefix: () => Promise<string>,
  ) {
    if (!('observatoryLeaseAcquire' in redis)) {
      redis.defineCommand('observatoryLeaseAcquire', { numberOfKeys: 2, lua: ACQUIRE });
      redis.defineCommand('observatoryLeaseRenew', { numberOfKeys: 1, lua: RENEW });
      redis.defineCommand('observatoryLeaseRelease', { numberOfKeys: 1, lua: RELEASE });
    }
    this.commands = redis as Redis & Commands;
  }

  private async keys(name: string): Promise<{ lease: string; job: string }> {
    if (this.commands.status !== 'ready') await whenReady(this.commands, READY_MS);
    const prefix = await this.prefix();
    // The braces keep both keys of a job in one Redis Cluster slot.
    return { lease: `${prefix}lease:{${name}}`, job: `${prefix}job:{${name}}` };
  }

  async acquire(name: string, holder: string, ttlMs: number, turn: number | null): Promise<Lease | null> {
    const k = await this.keys(name);
    const token = await this.commands.observatoryLeaseAcquire(
      k.lease,
      k.job,
      holder,
      Math.ceil(ttlMs),
      turn === null ? '' : String(turn),
    );
    return token === null ? null : { name, holder, token: Number(token), turn };
  }

  async renew(lease: Lease, ttlMs: number): Promise<boolean> {
    const k = await this.keys(lease.name);
    return (await this.commands.observatoryLeaseRenew(k.lease, value(lease), Math.ceil(ttlMs))) === 1;
  }

  async release(lease: Lease): Promise<boolean> {
    const k = await this.keys(lease.name);
    return (await this.commands.observatoryLeaseRelease(k.lease, value(lease))) === 1;
  }

  async inspect(name: string): Promise<LeaseState> {
    const k = await this.keys(name);
    const [current, job] = await Promise.all([this.commands.get(k.lease), this.commands.hgetall(k.job)]);
    return {
      holder: current === null ? null : current.slice(current.indexOf(' ') + 1),
      lastHolder: job.holder ?? null,
      token: Number(job.token ?? 0),
      turn: Number(job.turn ?? 0),
    };
  }
}

function value(lease: Lease): string {
  return `${lease.token} ${lease.holder}`;
}
