import { getDb } from '@/lib/db';
import { projectPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { runDetection } from '@/lib/optimizer';
import { projectFor } from '@/lib/projects';

/** Runs the detectors over the project's window now (the job runs them every 15 minutes). */
export const POST = route(
  { auth: 'user', permission: 'optimizer:manage', params: projectPath },
  async ({ actor, params }) => {
    const project = await projectFor(actor, params.id);
    return { run: await runDetection(getDb(), project) };
  },
);
