import 'server-only';
import { getConfig } from '../config';
import { getDb } from '../db';
import { getRedis } from '../redis';
import { checkHealth, type HealthReport } from './check';

export type { HealthReport } from './check';

/** Health of this instance's database and Redis. */
export function getHealth(): Promise<HealthReport> {
  return checkHealth({ db: getDb(), provider: getConfig().database.provider, redis: getRedis() });
}
