import { route } from '@/lib/http/route';
import { orRefuse, store, timeOptions } from '@/lib/ingest/accept';
import { fastMetricsBody } from '@/lib/ingest/fast-metrics';
import { metricsBody, normalizeMetrics } from '@/lib/ingest/schema';
import { ingestRule } from '@/lib/ratelimit';

/** Metrics from services: up to 5,000 points per request; 202 only once they are committed. */
export const POST = route(
  {
    auth: 'key',
    permission: 'metrics:write',
    body: metricsBody,
    fastBody: fastMetricsBody,
    rateLimit: { rule: ingestRule, key: (_req, actor) => `ingest:${actor?.type === 'key' ? actor.id : 'none'}` },
  },
  async ({ actor, body }) => {
    const normalized = normalizeMetrics(body, timeOptions());
    const points = orRefuse(normalized.ok ? { ok: true, items: normalized.points } : normalized);
    return store(actor, points, points.length);
  },
);
