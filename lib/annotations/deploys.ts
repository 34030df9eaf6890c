/**
 * The deploy source: each deploy marker (lib/deployments) of a project within the range, as an
 * instant (`from` = `to`), linked to the Endpoints view of its service over the hours around it.
 */
import type { Db } from '../db/client';
import { DEFAULT_ENVIRONMENT } from '../deployments/schema';
import { listDeployments } from '../deployments/store';
import { HOUR_MS } from '../time';
import { endpointsView } from '../views/endpoints';
import type { TimeRange } from '../views/period';
import type { Annotation } from './types';

/** Deploys read within one range at most (the latest). */
export const MAX_DEPLOY_ANNOTATIONS = 200;

export async function deployAnnotations(db: Db, projectId: string, range: TimeRange): Promise<Annotation[]> {
  const deployments = await listDeployments(db, projectId, {
    from: range.from,
    to: range.to + 1,
    limit: MAX_DEPLOY_ANNOTATIONS,
  });
  return deployments.map((d) => {
    const evidence = endpointsView.search({
      project: projectId,
      period: 'custom',
      from: d.at - 3 * HOUR_MS,
      to: d.at + 3 * HOUR_MS,
      compare: true,
      service: d.service,
      method: null,
      q: null,
    });
    const where = d.environment === DEFAULT_ENVIRONMENT ? '' : ` (${d.environment})`;
    return {
      id: `deploy:${d.id}`,
      kind: 'deploy',
      title: `${d.service} ${d.version}${where}`,
      severity: 'info',
      tone: 'accent',
      from: d.at,
      to: d.at,
      startedAt: d.at,
      endedAt: d.at,
      href: `/endpoints?${evidence}`,
    };
  });
}
