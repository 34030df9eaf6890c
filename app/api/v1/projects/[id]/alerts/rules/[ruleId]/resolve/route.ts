import { resolveAlert } from '@/lib/alerts/actions';
import { projectRecordPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';

export const POST = route(
  { auth: 'user', permission: 'rules:manage', params: projectRecordPath('ruleId', 'alert rule') },
  async ({ actor, params }) => ({ rule: await resolveAlert(actor, params.id, params.ruleId) }),
);
