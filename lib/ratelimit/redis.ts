import type { Redis } from '../redis/client';
import { decide, type BucketRule, type Decision, type RateLimitStore } from './bucket';

/**
 * The token-bucket step in Lua, so that several app instances share one bucket per key
 * atomically. It uses Redis's clock, not the instances', so their clocks need not agree.
 * The key expires once the bucket would be full again: idle keys cost nothing.
 */
const TAKE = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = burst
if state[1] then
  local elapsed = math.max(0, now - tonumber(state[2])) / 1000
  tokens = math.min(burst, tonumber(state[1]) + elapsed * rate)
end
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', string.format('%.0f', now))
redis.call('PEXPIRE', KEYS[1], math.max(1000, math.ceil((burst - tokens) / rate * 1000)))
return { allowed, tostring(tokens) }
`;

type TakeCommand = (key: string, burst: number, rate: number, cost: number) => Promise<[number, string]>;

export class RedisStore implements RateLimitStore {
  private readonly run: TakeCommand;

  constructor(
    redis: Redis,
    private readonly prefix = 'observatory:rl:',
  ) {
    if (!('observatoryTakeTokens' in redis)) {
      redis.defineCommand('observatoryTakeTokens', { numberOfKeys: 1, lua: TAKE });
    }
    const command = (redis as unknown as { observatoryTakeTokens: TakeCommand }).observatoryTakeTokens;
    this.run = command.bind(redis);
  }

  async take(key: string, rule: BucketRule, cost: number): Promise<Decision> {
    const [allowed, left] = await this.run(this.prefix + key, rule.burst, rule.perSecond, cost);
    return decide(allowed === 1, Number(left), rule, cost);
  }
}
