import type { BucketRule } from './bucket';

/** A rule from "N requests per period", with the whole allowance available as a burst. */
export function perPeriod(requests: number, seconds: number): BucketRule {
  return { burst: requests, perSecond: requests / seconds };
}

/**
 * Default limits per route class. Ingestion is generous: one key may sustain thousands of
 * requests per second. The performance API follows its documented 100 requests per hour per
 * key. Sign-in is strict, per account and per IP, against password guessing.
 */
export const RULES = {
  ingest: { burst: 20_000, perSecond: 5_000 },
  performanceApi: perPeriod(100, 3_600),
  signInPerAccount: perPeriod(5, 15 * 60),
  signInPerIp: perPeriod(20, 15 * 60),
  dashboard: { burst: 300, perSecond: 20 },
} satisfies Record<string, BucketRule>;

export type RouteClass = keyof typeof RULES;
