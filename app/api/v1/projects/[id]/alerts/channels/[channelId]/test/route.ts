import { deliveryOptions } from '@/lib/alerts';
import { deliver } from '@/lib/alerts/deliver';
import { getChannel } from '@/lib/alerts/store';
import { getDb } from '@/lib/db';
import { projectRecordPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';

/** Sends a test notification now and answers with its delivery (sent or failed, attempts, last error). */
const path = projectRecordPath('channelId', 'channel');

export const POST = route({ auth: 'user', permission: 'rules:manage', params: path }, async ({ actor, params }) => {
  const project = await projectFor(actor, params.id);
  const channel = await getChannel(getDb(), project.id, params.channelId);
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
