/**
 * What the route() wrapper costs per request, against a bare handler doing the same work
 * (read the JSON body, answer JSON) in the same run. In-process, so the number is the wrapper's
 * own overhead: body streaming with a size limit, zod validation, error handling, X-Response-Time.
 */
import { z } from 'zod';
import { route } from '../lib/http/route';
import { compare, type BenchResult } from './harness';

const body = z.object({
  points: z
    .array(
      z.object({
        name: z.string().max(200),
        value: z.number().finite(),
        tags: z.record(z.string(), z.string()).optional(),
      }),
    )
    .max(5000),
});

const payload = JSON.stringify({
  points: Array.from({ length: 20 }, (_, i) => ({
    name: 'http.server.duration',
    value: i * 1.5,
    tags: { route: '/users/[id]' },
  })),
});

const request = () =>
  new Request('http://bench/api', { method: 'POST', body: payload, headers: { 'content-type': 'application/json' } });

const bare = async (req: Request) => {
  const data = (await req.json()) as { points: unknown[] };
  return Response.json({ accepted: data.points.length });
};
const wrapped = route({ auth: 'public', body }, ({ body }) => ({ accepted: body.points.length }));

export async function routeOverhead(): Promise<BenchResult> {
  const { baseline, subject } = await compare(
    async () => void (await (await bare(request())).text()),
    async () => void (await (await wrapped(request())).text()),
  );
  return {
    name: 'route() wrapper, JSON POST with 20 points',
    baseline: { label: 'bare handler (req.json + Response.json)', ...baseline },
    subject: { label: 'route({ body: zod schema })', ...subject },
  };
}
