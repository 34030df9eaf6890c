'use client';

import { FilterSelect } from '@/components/view/FilterSelect';
import { useViewState } from '@/components/view/useViewState';
import { useViewProject } from '@/components/view/ViewProjects';
import { useEndpoints } from '@/lib/hooks/useEndpoints';
import type { EndpointRow } from '@/lib/queries/endpoints';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatRange } from '@/lib/format/time';
import { endpointView, endpointsView, sharedOf } from '@/lib/views';
import { FormError } from '../ui/Form';
import { EndpointsEmpty } from './EndpointsEmpty';
import { EndpointsTable } from './EndpointsTable';
import { RouteSearch } from './RouteSearch';
import { filterEndpoints } from './sort';

function Skeleton() {
  return (
    <div aria-label="Loading routes" role="status" className="space-y-2 rounded-xl border border-border bg-surface p-4">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-9 animate-pulse rounded bg-surface-muted" />
      ))}
    </div>
  );
}

/** Every route of the project over the period, with filters by service and method. */
export function EndpointsView() {
  const project = useViewProject();
  const { state, update } = useViewState(endpointsView);
  const query = useEndpoints(project.id, state);
  const zone = useTimeZone();
  const data = query.data;

  const hrefFor = (row: EndpointRow) =>
    `/endpoints/route?${endpointView.search({ ...sharedOf(state), project: project.slug, service: row.service, method: row.method, route: row.route })}`;

  const shown = data ? filterEndpoints(data.endpoints, state.q, state.errors) : [];

  if (data && data.services.length === 0) return <EndpointsEmpty projectName={project.name} />;
  return (
    // Busy while the rows shown are still those of the previous choice.
    <div className="space-y-4" aria-busy={query.isPlaceholderData}>
      <div className="flex flex-wrap items-center gap-x-5 gap-y-3">
        <FilterSelect
          label="Service"
          value={state.service}
          options={data?.services ?? []}
          onChange={(service) => update({ service })}
        />
        <FilterSelect
          label="Method"
          value={state.method}
          options={data?.methods ?? []}
          onChange={(method) => update({ method })}
        />
        <RouteSearch value={state.q} onChange={(q) => update({ q }, { history: 'replace' })} />
        <label className="flex items-center gap-2 text-sm text-fg">
          <input
            type="checkbox"
            checked={state.errors}
            onChange={(e) => update({ errors: e.target.checked })}
            className="h-4 w-4 accent-accent"
          />
          With 5xx errors only
        </label>
        {data && (
          <p className="text-xs text-fg-muted sm:ml-auto" data-testid="range">
            {formatRange(data.range, zone)}
            {data.previousRange && <> · compared with {formatRange(data.previousRange, zone)}</>}
            {query.isFetching && ' · updating…'}
          </p>
        )}
      </div>
      <FormError message={query.error && `Could not read the routes: ${query.error.message}`} />
      {query.isPending && <Skeleton />}
      {data &&
        (data.endpoints.length === 0 ? (
          <p className="rounded-xl border border-border bg-surface p-6 text-sm text-fg-muted">
            No requests {state.service || state.method ? 'match these filters ' : ''}in this period.
          </p>
        ) : (
          <>
            {shown.length === 0 ? (
              <p className="rounded-xl border border-border bg-surface p-6 text-sm text-fg-muted" role="status">
                No route {state.q ? <>matches “{state.q}”</> : 'answered with a 5xx'}
                {state.q && state.errors ? ' with 5xx errors' : ''} in this period.
              </p>
            ) : (
              <EndpointsTable
                data={data}
                show={shown}
                hrefFor={hrefFor}
                sort={state.sort}
                onSort={(sort) => update({ sort }, { history: 'replace' })}
              />
            )}
            <p className="text-xs text-fg-muted">
              {shown.length === data.endpoints.length
                ? `${data.endpoints.length} route${data.endpoints.length === 1 ? '' : 's'}`
                : `${shown.length} of ${data.endpoints.length} routes`}
              . Percentiles are within 1%; errors are 5xx answers. The trend shows p95 in {data.trend.steps} steps.
            </p>
          </>
        ))}
    </div>
  );
}
