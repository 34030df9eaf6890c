import { deliveryOptions } from '@/lib/alerts';
import { deliver } from '@/lib/alerts/deliver';
import { pathId } from '@/lib/alerts/http';
import { getChannel } from '@/lib/alerts/store';
import { getDb } from '@/lib/db';
import { route } from '@/lib/http/route';
import { param, projectFor } from '@/lib/projects';

/** Sends a test notification now and answers with its delivery (sent or failed, attempts, last error). */
export const POST = route({ auth: 'user', permission: 'rules:manage' }, async ({ actor, params }) => {
  const project = await projectFor(actor, param(params, 'id'));
  const channel = await getChannel(getDb(), project.id, pathId(params, 'channelId', 'channel'));
  const options = deliveryOptions();
  const now = new Date();
  const delivery = await deliver(
    getDb(),
    channel,
    'test',
    {
      ruleId: 'test',
      ruleName: 'Test notification',
      projectId: project.id,
      projectSlug: project.slug,
      severity: 'low',
      metric: 'observatory.test',
      statistic: 'avg',
      comparator: 'gt',
      threshold: 0,
      value: 1,
      startsAt: now,
      endsAt: null,
      url: `${options.externalUrl}/alerts`,
    },
    { ...options, attempts: Math.min(options.attempts, 3) },
  );
  return { delivery };
});
