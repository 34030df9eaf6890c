/**
 * Deploy markers: recorded once per (project, service, version, environment), however often a
 * CI step sends them, and listed newest first. They are drawn on every time chart through the
 * annotations (lib/annotations/deploys.ts).
 */
import type { Db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { DEFAULT_ENVIRONMENT, type DeploymentsQuery } from './schema';

export type Deployment = {
  id: number;
  service: string;
  version: string;
  environment: string;
  commit: string | null;
  /** When it went out (ms). */
  at: number;
  createdAt: string;
};

type Row = {
  id: number;
  service: string;
  version: string;
  environment: string;
  commit: string | null;
  at: bigint | number;
  createdAt: Date;
};

const view = (r: Row): Deployment => ({
  id: r.id,
  service: r.service,
  version: r.version,
  environment: r.environment,
  commit: r.commit,
  at: Number(r.at),
  createdAt: r.createdAt.toISOString(),
});

export type NewDeployment = {
  service: string;
  version: string;
  environment?: string;
  commit?: string;
  /** ms since the epoch. */
  at: number;
};

/**
 * Stores a deploy marker, or finds the one already stored for the same service, version and
 * environment (a retried step; its first time and commit stay). `created` tells which.
 */
export async function recordDeployment(
  db: Db,
  projectId: string,
  input: NewDeployment,
): Promise<{ deployment: Deployment; created: boolean }> {
  const key = {
    projectId,
    service: input.service,
    version: input.version,
    environment: input.environment ?? DEFAULT_ENVIRONMENT,
  };
  const existing = await db.deployment.findUnique({ where: { projectId_service_version_environment: key } });
  if (existing) return { deployment: view(existing), created: false };
  try {
    const row = await db.deployment.create({ data: { ...key, commit: input.commit ?? null, at: BigInt(input.at) } });
    return { deployment: view(row), created: true };
  } catch (err) {
    // Two sends at once: the first insert wins, the other answers its row.
    if (!isUniqueViolation(err)) throw err;
    const row = await db.deployment.findUniqueOrThrow({ where: { projectId_service_version_environment: key } });
    return { deployment: view(row), created: false };
  }
}

/** A project's deployments, newest first, within the filters. */
export async function listDeployments(
  db: Db,
  projectId: string,
  q: Partial<DeploymentsQuery> = {},
): Promise<Deployment[]> {
  const rows = await db.deployment.findMany({
    where: {
      projectId,
      ...(q.service ? { service: q.service } : {}),
      ...(q.environment ? { environment: q.environment } : {}),
      ...(q.from !== undefined || q.to !== undefined
        ? {
            at: {
              ...(q.from !== undefined ? { gte: BigInt(q.from) } : {}),
              ...(q.to !== undefined ? { lt: BigInt(q.to) } : {}),
            },
          }
        : {}),
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: q.limit ?? 100,
  });
  return rows.map(view);
}
