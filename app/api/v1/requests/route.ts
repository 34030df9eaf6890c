import { route } from '@/lib/http/route';
import { fanOut, getSampler, rawRetentionMs } from '@/lib/ingest';
import { orRefuse, store, timeOptions } from '@/lib/ingest/accept';
import { normalizeRequests, requestsBody } from '@/lib/ingest/schema';
import { ingestRule } from '@/lib/ratelimit';

/** Per-request records (the RED method's raw material): each becomes its route's series; some are kept whole (lib/ingest/samples.ts). */
export const POST = route(
  {
    auth: 'key',
    permission: 'metrics:write',
    body: requestsBody,
    rateLimit: { rule: ingestRule, key: (_req, actor) => `ingest:${actor?.type === 'key' ? actor.id : 'none'}` },
  },
  async ({ actor, body }) => {
    const time = timeOptions();
    const normalized = normalizeRequests(body, time);
    const requests = orRefuse(normalized.ok ? { ok: true, items: normalized.requests } : normalized);
    const samples = getSampler().rows(actor.projectId, requests, time.now - rawRetentionMs());
    return store(actor, fanOut(requests), requests.length, [samples]);
  },
);
