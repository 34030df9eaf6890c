import { recordDeployment } from '@/lib/deployments';
import { deploymentBody } from '@/lib/deployments/schema';
import { getDb } from '@/lib/db';
import { invalid } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { maxPointAgeMs } from '@/lib/ingest';
import { checkTimestamp } from '@/lib/ingest/timestamp';
import { ingestRule } from '@/lib/ratelimit';

/**
 * A deploy marker from a service or its CI (ingest key): 201 with the stored marker, or 200 with
 * the one already stored for the same service, version and environment (a retried step).
 */
export const POST = route(
  {
    auth: 'key',
    permission: 'metrics:write',
    body: deploymentBody,
    maxBodyBytes: 4 * 1024,
    rateLimit: { rule: ingestRule, key: (_req, actor) => `ingest:${actor?.type === 'key' ? actor.id : 'none'}` },
  },
  async ({ actor, body }) => {
    const ts = checkTimestamp(body.ts, Date.now(), maxPointAgeMs());
    if (!ts.ok) throw invalid(`invalid body: ts: ts ${ts.reason}`, [{ path: 'ts', message: `ts ${ts.reason}` }]);
    const { deployment, created } = await recordDeployment(getDb(), actor.projectId, {
      service: body.service,
      version: body.version,
      environment: body.environment,
      ...(body.commit ? { commit: body.commit } : {}),
      at: ts.ms,
    });
    return Response.json({ deployment, created }, { status: created ? 201 : 200 });
  },
);
