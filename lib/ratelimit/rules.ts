import { getConfig } from '../config';
import type { BucketRule } from './bucket';

/** A rule from "N requests per period", with the whole allowance available as a burst. */
export function perPeriod(requests: number, seconds: number): BucketRule {
  return { burst: requests, perSecond: requests / seconds };
}

/**
 * Ingestion per key: INGEST_REQUESTS_PER_SECOND sustained (default 5,000: generous, one key may
 * carry a whole fleet), with bursts of four seconds' worth.
 */
export function ingestRule(): BucketRule {
  const perSecond = getConfig().INGEST_REQUESTS_PER_SECOND;
  return { burst: 4 * perSecond, perSecond };
}

/**
 * Default limits per route class. The performance API follows its documented 100 requests per hour per
 * key. Sign-in is strict, per account and per IP, against password guessing.
 */
export const RULES = {
  performanceApi: perPeriod(100, 3_600),
  signInPerAccount: perPeriod(5, 15 * 60),
  signInPerIp: perPeriod(20, 15 * 60),
  dashboard: { burst: 300, perSecond: 20 },
} satisfies Record<string, BucketRule>;

export type RouteClass = keyof typeof RULES;
