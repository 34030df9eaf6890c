import { getConfig } from '@/lib/config';
import { notFound } from '@/lib/http/errors';
import { readJsonBody, route } from '@/lib/http/route';
import { beaconSecurityHeaders } from '@/lib/security/headers';
import { VITALS_LIMITS } from '@/lib/vitals/schema';

/**
 * Baseline of bench/vitals-http.ts: a no-op public route that reads and parses a beacon's
 * text/plain JSON body as POST /api/v1/vitals does, and answers 204 without looking at it, so
 * the ratio against the real route is what checking and storing a beacon cost. Without
 * OBSERVATORY_BENCH_ROUTES=true it is a 404 before the body is read. Like it, it is left out of
 * proxy.ts.
 */
export const POST = route({ auth: 'public', headers: beaconSecurityHeaders() }, async ({ req }) => {
  if (!getConfig().OBSERVATORY_BENCH_ROUTES) throw notFound();
  await readJsonBody(req, VITALS_LIMITS.maxBodyBytes, { textPlain: true });
  return new Response(null, { status: 204 });
});
