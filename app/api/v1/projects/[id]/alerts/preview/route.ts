import { previewRule } from '@/lib/alerts/preview';
import { newRule } from '@/lib/alerts/rules';
import { getDb } from '@/lib/db';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { DAY_MS } from '@/lib/time';
import { projectFor } from '@/lib/projects';

const STEP_MS = 5 * 60_000;

/** Replays a rule (as the editor holds it) over the last 24 hours, every 5 minutes up to now. */
export const POST = route(
  { auth: 'user', permission: 'dashboards:read', params: projectPath, body: newRule, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => {
    const project = await projectFor(actor, params.id);
    const to = Date.now();
    return { preview: await previewRule(getDb(), project.id, body, { from: to - DAY_MS, to }, STEP_MS) };
  },
);
