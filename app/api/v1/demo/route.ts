import { z } from 'zod';
import { actorName } from '@/lib/auth/permissions';
import { demoProgress, HTTP_DEMO_DAYS, loadDemoOnce } from '@/lib/demo';
import { route } from '@/lib/http/route';

const body = z.strictObject(
  {
    days: z
      .number({ error: 'days must be a number' })
      .int(`days must be a whole number from 1 to ${HTTP_DEMO_DAYS.max}`)
      .min(1, `days must be a whole number from 1 to ${HTTP_DEMO_DAYS.max}`)
      .max(HTTP_DEMO_DAYS.max, `days must be a whole number from 1 to ${HTTP_DEMO_DAYS.max}`)
      .optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'only "days" may be sent' : 'send a JSON object') },
);

/** How far a demo load running on this instance has got: `{ loading: { hoursDone, hours, startedAt } | null }`. */
export const GET = route({ auth: 'user', permission: 'demo:load' }, async () => ({ loading: demoProgress() }));

/**
 * Loads the demo project (slug "demo") with sample data and answers once it is committed.
 * 409 while a load runs or when the demo project already has data.
 */
export const POST = route(
  { auth: 'user', permission: 'demo:load', body, maxBodyBytes: 1024 },
  async ({ actor, body }) => {
    const demo = await loadDemoOnce(actorName(actor), body.days ?? HTTP_DEMO_DAYS.default);
    return Response.json({ demo }, { status: 201 });
  },
);
