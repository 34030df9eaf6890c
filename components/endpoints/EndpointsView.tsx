'use client';

import { useViewState } from '@/components/view/useViewState';
import { useEndpoints } from '@/lib/hooks/useEndpoints';
import type { EndpointRow } from '@/lib/queries/endpoints';
import { formatRange } from '@/lib/view/format';
import { serializeViewState, textParam } from '@/lib/view/state';
import { FormError } from '../ui/Form';
import { EndpointsEmpty } from './EndpointsEmpty';
import { EndpointsTable } from './EndpointsTable';
import { parseSort } from './sort';

export type ViewProject = { id: string; slug: string; name: string };

export function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | null;
  options: readonly string[];
  onChange: (value: string | null) => void;
}) {
  // A value from the URL that the project does not have stays listed, so the control shows it.
  const all = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm text-fg">
      <span className="text-fg-muted">{label}</span>
      <select
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
        className="min-w-0 max-w-[12rem] rounded-md border border-border bg-surface px-2 py-1.5 text-sm text-fg"
      >
        <option value="">All</option>
        {all.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

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
export function EndpointsView({ project }: { project: ViewProject }) {
  const { state, params, update } = useViewState();
  const filters = { service: textParam(params, 'service'), method: textParam(params, 'method') };
  const initialSort = parseSort(params.get('sort'));
  const query = useEndpoints(project.id, state, filters);
  const data = query.data;
  const view = { ...state, project: project.slug };

  const hrefFor = (row: EndpointRow) =>
    `/endpoints/route?${serializeViewState(view, { service: row.service, method: row.method, route: row.route })}`;

  if (data && data.services.length === 0) return <EndpointsEmpty projectName={project.name} />;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-5 gap-y-3">
        <FilterSelect
          label="Service"
          value={filters.service}
          options={data?.services ?? []}
          onChange={(service) => update({ service })}
        />
        <FilterSelect
          label="Method"
          value={filters.method}
          options={data?.methods ?? []}
          onChange={(method) => update({ method })}
        />
        {data && (
          <p className="text-xs text-fg-muted sm:ml-auto" data-testid="range">
            {formatRange(data.range)}
            {data.previousRange && <> · compared with {formatRange(data.previousRange)}</>}
            {query.isFetching && ' · updating…'}
          </p>
        )}
      </div>
      <FormError message={query.error && `Could not read the routes: ${query.error.message}`} />
      {query.isPending && <Skeleton />}
      {data &&
        (data.endpoints.length === 0 ? (
          <p className="rounded-xl border border-border bg-surface p-6 text-sm text-fg-muted">
            No requests {filters.service || filters.method ? 'match these filters ' : ''}in this period.
          </p>
        ) : (
          <>
            <EndpointsTable key={params.get('sort') ?? ''} data={data} hrefFor={hrefFor} initialSort={initialSort} />
            <p className="text-xs text-fg-muted">
              {data.endpoints.length} route{data.endpoints.length === 1 ? '' : 's'}. Percentiles are within 1%; errors
              are 5xx answers. The trend shows p95 in {data.trend.steps} steps.
            </p>
          </>
        ))}
    </div>
  );
}
