'use client';

import { useDeleteService, useServices, type Service } from '@/lib/hooks/useServices';
import { ConfirmAction } from './ConfirmDialog';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatIso } from '@/lib/format/time';

const number = new Intl.NumberFormat('en');

function ServiceRow({ projectId, service }: { projectId: string; service: Service }) {
  const remove = useDeleteService(projectId);
  const zone = useTimeZone();
  return (
    <li
      className="flex flex-col gap-2 py-2.5 sm:flex-row sm:items-center sm:justify-between"
      data-service={service.name}
    >
      <div className="min-w-0 space-y-0.5">
        <p className="font-mono text-sm break-all text-fg">{service.name}</p>
        <p className="text-xs text-fg-muted">
          {service.routes === 1 ? '1 route' : `${number.format(service.routes)} routes`} · first seen{' '}
          {formatIso(service.firstSeenAt, zone, { year: true })} · last seen{' '}
          {formatIso(service.lastSeenAt, zone, { year: true })}
        </p>
      </div>
      <div className="shrink-0">
        <ConfirmAction
          trigger="Delete"
          triggerLabel={`Delete service ${service.name}`}
          permission="projects:manage"
          title={`Delete the service “${service.name}”?`}
          confirmLabel="Delete service"
          pending={remove.isPending}
          error={remove.error}
          onOpen={remove.reset}
          onConfirm={() => remove.mutateAsync(service.id)}
        >
          <p>Its data stays. If it still sends data, it is listed again within a minute.</p>
        </ConfirmAction>
      </div>
    </li>
  );
}

/** The services that sent data to the project, as ingestion recorded them. */
export function ProjectsServices({ projectId }: { projectId: string }) {
  const services = useServices(projectId);
  if (services.isPending) return <p className="text-sm text-fg-muted">Loading services…</p>;
  if (services.isError)
    return <p className="text-sm text-fg-muted">Services are unavailable: {services.error.message}</p>;
  if (services.data.length === 0)
    return (
      <p className="text-sm text-fg-muted">
        None yet. A service appears here when it first sends request records, or points tagged{' '}
        <code className="font-mono text-xs">service</code>.
      </p>
    );
  return (
    <ul className="divide-y divide-border" aria-label="Services">
      {services.data.map((s) => (
        <ServiceRow key={s.id} projectId={projectId} service={s} />
      ))}
    </ul>
  );
}
