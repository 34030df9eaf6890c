import { z } from 'zod';
import { recordAudit } from '@/lib/audit/store';
import { actorName } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { demoLiveEnabled, setDemoLive } from '@/lib/demo/live';
import { route } from '@/lib/http/route';

const body = z.strictObject(
  { enabled: z.boolean({ error: 'enabled must be true or false' }) },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'only "enabled" may be sent' : 'send a JSON object') },
);

/** Whether the demo shop's live traffic is on: `{ enabled }`. */
export const GET = route({ auth: 'user', permission: 'demo:load' }, async () => ({
  enabled: await demoLiveEnabled(getDb()),
}));

/** Turns the demo shop's live traffic on or off (the `demo-live` job, lib/demo/live.ts). */
export const PUT = route(
  { auth: 'user', permission: 'demo:load', body, maxBodyBytes: 256 },
  async ({ actor, body }) => {
    const db = getDb();
    await setDemoLive(db, body.enabled);
    await recordAudit(db, {
      actor: actorName(actor),
      action: body.enabled ? 'demo.live.on' : 'demo.live.off',
      target: 'demo',
    });
    return { enabled: body.enabled };
  },
);
