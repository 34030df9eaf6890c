import { actorName } from '@/lib/auth/permissions';
import { readRules } from '@/lib/alerts/reads';
import { newRule } from '@/lib/alerts/rules';
import { createRule } from '@/lib/alerts/store';
import { getDb } from '@/lib/db';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';

/** The project's alert rules with their state (the default rules are created on first read). */
export const GET = route(
  { auth: 'user', permission: 'dashboards:read', params: projectPath },
  async ({ actor, params }) => {
    const project = await projectFor(actor, params.id);
    return readRules(getDb(), project.id);
  },
);

export const POST = route(
  { auth: 'user', permission: 'rules:manage', params: projectPath, body: newRule, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => {
    const project = await projectFor(actor, params.id);
    const rule = await createRule(getDb(), actorName(actor), project.id, body);
    return Response.json({ rule }, { status: 201 });
  },
);
