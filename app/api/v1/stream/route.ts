import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { route } from '@/lib/http/route';
import { projectFor } from '@/lib/projects';
import { changes, liveStream } from '@/lib/realtime';

const query = z.strictObject({
  project: z.string().trim().min(1, 'project must not be empty').max(100, 'project is too long'),
});

/**
 * Server-Sent Events for a project's live dashboards: `change` whenever new data is stored
 * (by any instance, with Redis), and the page refetches what it shows (lib/realtime).
 */
export const GET = route(
  { auth: 'user-or-key', permission: 'dashboards:read', query },
  async ({ actor, query, req }) => {
    const project = await projectFor(actor, query.project);
    return liveStream(changes(), project.id, req.signal, getConfig().LIVE_STREAMS_MAX);
  },
);
