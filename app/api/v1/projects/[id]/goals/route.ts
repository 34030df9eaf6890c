import { actorName } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { goalsBody, goalsFor, setGoals } from '@/lib/goals';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';

/** Every goal of the project: its levels (its own or the defaults), unit, direction and defaults. */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', params: projectPath },
  async ({ actor, params }) => {
    const project = await projectFor(actor, params.id);
    return { goals: await goalsFor(getDb(), project.id) };
  },
);

/** Sets the goals named (`{ goals: { p95: { target, critical } } }`), or resets them with null; audited. */
export const PUT = route(
  { auth: 'user', permission: 'projects:manage', params: projectPath, body: goalsBody, maxBodyBytes: 4096 },
  async ({ actor, params, body }) => {
    const project = await projectFor(actor, params.id);
    return { goals: await setGoals(getDb(), actorName(actor), project.id, body.goals) };
  },
);
