import 'server-only';
import { getConfig } from '../config';
import { createRedis, type Redis } from './client';

export type { Redis } from './client';

const globalForRedis = globalThis as unknown as { observatoryRedis?: Redis | null };

/** The shared Redis connection, or null when REDIS_URL is not set (embedded mode). */
export function getRedis(): Redis | null {
  if (globalForRedis.observatoryRedis === undefined) {
    const url = getConfig().REDIS_URL;
    globalForRedis.observatoryRedis = url ? createRedis(url) : null;
  }
  return globalForRedis.observatoryRedis;
}
