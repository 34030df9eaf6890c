import { actorName } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { setThresholds, thresholdsFor, THRESHOLDS } from '@/lib/optimizer';
import { thresholdsBody } from '@/lib/optimizer/thresholds';
import { projectFor } from '@/lib/projects';

const answer = (t: Awaited<ReturnType<typeof thresholdsFor>>) => ({
  thresholds: t.values,
  custom: t.custom,
  definitions: THRESHOLDS,
  lastRunAt: t.lastRunAt?.toISOString() ?? null,
});

/** The detectors' thresholds for the project: values, which are the project's own, what each means. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', params: projectPath },
  async ({ actor, params }) => {
    const project = await projectFor(actor, params.id);
    return answer(await thresholdsFor(getDb(), project.id));
  },
);

/** Sets the thresholds named (null: back to the default); the others stay. */
export const PUT = route(
  { auth: 'user', permission: 'optimizer:manage', params: projectPath, body: thresholdsBody },
  async ({ actor, params, body }) => {
    const project = await projectFor(actor, params.id);
    return answer(await setThresholds(getDb(), actorName(actor), project.id, body));
  },
);
