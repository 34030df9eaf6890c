/**
 * What a person does to an alert, as the API offers it: acknowledge a firing one (its
 * notifications stop repeating), or resolve it by hand. Each is audited; an alert in the wrong
 * state answers 409.
 */
import 'server-only';
import { actorName, type Actor } from '../auth/permissions';
import { recordAudit } from '../audit/store';
import { getDb } from '../db';
import { conflict } from '../http/errors';
import { projectFor } from '../projects';
import { alertEvaluator } from '.';
import { AlertStateError } from './evaluate';
import { getRule, ruleView, type RuleView } from './store';

type Action = 'acknowledge' | 'resolve';

async function act(action: Action, actor: Actor, projectRef: string, ruleId: string): Promise<RuleView> {
  const project = await projectFor(actor, projectRef);
  const rule = await getRule(getDb(), project.id, ruleId);
  const who = actorName(actor);
  try {
    const updated =
      action === 'acknowledge'
        ? await alertEvaluator().acknowledge(rule, project.slug, who)
        : await alertEvaluator().resolve(rule, project.slug);
    await recordAudit(getDb(), {
      actor: who,
      action: `alert_rule.${action}`,
      target: `alert_rule:${rule.id}`,
      projectId: project.id,
    });
    return ruleView(updated);
  } catch (err) {
    if (err instanceof AlertStateError) throw conflict(err.message);
    throw err;
  }
}

export const acknowledgeAlert = (actor: Actor, projectRef: string, ruleId: string) =>
  act('acknowledge', actor, projectRef, ruleId);

export const resolveAlert = (actor: Actor, projectRef: string, ruleId: string) =>
  act('resolve', actor, projectRef, ruleId);
