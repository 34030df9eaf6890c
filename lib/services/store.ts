/**
 * A project's services as records: listed with what is cheap to know about each (first and last
 * seen, how many routes its request series have), and deleted by admins. The ingestion writer
 * creates them (lib/rollup/services.ts); a deleted service that still sends comes back within a
 * minute, with a new id. Its series and data stay: they belong to the project, not to the record.
 */
import { recordAudit } from '../audit/store';
import type { Db } from '../db/client';
import { notFound } from '../http/errors';
import { RED_METRICS, SERVICE_TAG } from '../metrics';
import { findSeries } from '../rollup';

export type ServiceView = {
  id: number;
  name: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Distinct route templates in the service's request series. */
  routes: number;
};

/** The project's services by name, each with its route count (one read of the request series). */
export async function listServices(db: Db, projectId: string): Promise<ServiceView[]> {
  const [rows, series] = await Promise.all([
    db.service.findMany({ where: { projectId }, orderBy: { name: 'asc' } }),
    findSeries(db, projectId, RED_METRICS.duration),
  ]);
  const routes = new Map<string, Set<string>>();
  for (const s of series) {
    const service = s.dims[SERVICE_TAG];
    const route = s.dims.route;
    if (service === undefined || route === undefined) continue;
    let set = routes.get(service);
    if (!set) routes.set(service, (set = new Set()));
    set.add(route);
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    firstSeenAt: new Date(Number(r.firstSeenAt)),
    lastSeenAt: new Date(Number(r.lastSeenAt)),
    routes: routes.get(r.name)?.size ?? 0,
  }));
}

/** Deletes one of the project's services (404 when it has none with this id), with an audit entry. */
export async function deleteService(db: Db, actor: string, projectId: string, serviceId: string): Promise<void> {
  const id = Number(serviceId);
  const found = Number.isSafeInteger(id)
    ? await db.service.findFirst({ where: { id, projectId }, select: { id: true, name: true } })
    : null;
  if (!found) throw notFound('no such service in this project');
  await db.$transaction(async (tx) => {
    // Another request may have deleted it since: that is a 404 too, not an error.
    const { count } = await tx.service.deleteMany({ where: { id: found.id } });
    if (count === 0) throw notFound('no such service in this project');
    await recordAudit(tx, {
      actor,
      action: 'service.delete',
      target: `service:${found.id}`,
      projectId,
      details: { name: found.name },
    });
  });
}
