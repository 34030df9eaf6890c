import { actorName } from '@/lib/auth/permissions';
import { pathId } from '@/lib/alerts/http';
import { ruleUpdate } from '@/lib/alerts/rules';
import { deleteRule, getRule, ruleView, updateRule } from '@/lib/alerts/store';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { param, projectFor } from '@/lib/projects';

export const GET = route({ auth: 'user', permission: 'dashboards:read' }, async ({ actor, params }) => {
  const project = await projectFor(actor, param(params, 'id'));
  return { rule: ruleView(await getRule(getDb(), project.id, pathId(params, 'ruleId', 'alert rule'))) };
});

export const PATCH = route(
  { auth: 'user', permission: 'rules:manage', body: ruleUpdate, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => {
    const project = await projectFor(actor, param(params, 'id'));
    const id = pathId(params, 'ruleId', 'alert rule');
    return { rule: await updateRule(getDb(), actorName(actor), project.id, id, body) };
  },
);

export const DELETE = route({ auth: 'user', permission: 'rules:manage' }, async ({ actor, params }) => {
  const project = await projectFor(actor, param(params, 'id'));
  await deleteRule(getDb(), actorName(actor), project.id, pathId(params, 'ruleId', 'alert rule'));
  return new Response(null, { status: 204 });
});
