import { actorName } from '@/lib/auth/permissions';
import { alertEvaluator } from '@/lib/alerts';
import { AlertStateError } from '@/lib/alerts/evaluate';
import { pathId } from '@/lib/alerts/http';
import { getRule, ruleView } from '@/lib/alerts/store';
import { recordAudit } from '@/lib/audit/store';
import { getDb } from '@/lib/db';
import { conflict } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { param, projectFor } from '@/lib/projects';

export const POST = route({ auth: 'user', permission: 'rules:manage' }, async ({ actor, params }) => {
  const project = await projectFor(actor, param(params, 'id'));
  const rule = await getRule(getDb(), project.id, pathId(params, 'ruleId', 'alert rule'));
  try {
    const updated = await alertEvaluator().resolve(rule, project.slug);
    await recordAudit(getDb(), {
      actor: actorName(actor),
      action: 'alert_rule.resolve',
      target: `alert_rule:${rule.id}`,
      projectId: project.id,
    });
    return { rule: ruleView(updated) };
  } catch (err) {
    if (err instanceof AlertStateError) throw conflict(err.message);
    throw err;
  }
});
