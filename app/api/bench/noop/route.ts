import { getConfig } from '@/lib/config';
import { notFound } from '@/lib/http/errors';
import { DEFAULT_MAX_BODY_BYTES, readJsonBody, route } from '@/lib/http/route';
import { ingestRule } from '@/lib/ratelimit';

/**
 * Baseline (a) of bench/ingest-http.ts: POST /api/v1/metrics (or /requests) minus validation and storage.
 * It authenticates the same ingest key, takes from the same kind of rate-limit bucket and reads
 * and parses the same JSON body, so the ratio against the real route is what validating and
 * storing cost. Key auth also keeps it off the public list: even with the flag on, only a
 * project's ingest key reaches it. Without OBSERVATORY_BENCH_ROUTES=true it is a 404.
 */
export const POST = route(
  {
    auth: 'key',
    permission: 'metrics:write',
    rateLimit: { rule: ingestRule, key: (_req, actor) => `bench:${actor?.type === 'key' ? actor.id : 'none'}` },
  },
  async ({ req }) => {
    if (!getConfig().OBSERVATORY_BENCH_ROUTES) throw notFound();
    const body = (await readJsonBody(req, DEFAULT_MAX_BODY_BYTES)) as { points?: unknown; requests?: unknown };
    const items = body?.points ?? body?.requests;
    const accepted = Array.isArray(items) ? items.length : 0;
    return Response.json({ accepted }, { status: 202 });
  },
);
