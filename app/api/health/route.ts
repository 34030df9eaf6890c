import { getHealth } from '@/lib/health';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Liveness and readiness for load balancers: 503 when the database cannot be reached. */
export const GET = route({ auth: 'public' }, async () => {
  const health = await getHealth();
  return Response.json(health, {
    status: health.status === 'unavailable' ? 503 : 200,
    headers: { 'Cache-Control': 'no-store' },
  });
});
