import { Redis } from 'ioredis';

export { Redis };

/**
 * A Redis connection that fails fast: commands issued while it is down are rejected at once
 * instead of queueing, so a Redis outage degrades features rather than stalling requests.
 */
export function createRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  // Connection errors surface through commands and health checks, not as unhandled events.
  redis.on('error', () => {});
  return redis;
}

/** Resolves when the connection is ready, or rejects after `timeoutMs`. */
export function whenReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis not ready after ${timeoutMs} ms (${redis.status})`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}

/**
 * A connection for publish/subscribe: commands wait while it is (re)made. `retries`:
 * reconnections after which a waiting command is dropped (null: never, for a subscription,
 * which must survive outages; ioredis subscribes again after every reconnect).
 */
export function createPubSubRedis(url: string, retries: number | null): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: retries,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  redis.on('error', () => {});
  return redis;
}
