import { actorName } from '@/lib/auth/permissions';
import { ruleUpdate } from '@/lib/alerts/rules';
import { deleteRule, getRule, ruleView, updateRule } from '@/lib/alerts/store';
import { getDb } from '@/lib/db';
import { projectRecordPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';

const path = projectRecordPath('ruleId', 'alert rule');

export const GET = route({ auth: 'user', permission: 'dashboards:read', params: path }, async ({ actor, params }) => {
  const project = await projectFor(actor, params.id);
  return { rule: ruleView(await getRule(getDb(), project.id, params.ruleId)) };
});

export const PATCH = route(
  { auth: 'user', permission: 'rules:manage', params: path, body: ruleUpdate, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => {
    const project = await projectFor(actor, params.id);
    const id = params.ruleId;
    return { rule: await updateRule(getDb(), actorName(actor), project.id, id, body) };
  },
);

export const DELETE = route({ auth: 'user', permission: 'rules:manage', params: path }, async ({ actor, params }) => {
  const project = await projectFor(actor, params.id);
  await deleteRule(getDb(), actorName(actor), project.id, params.ruleId);
  return new Response(null, { status: 204 });
});
