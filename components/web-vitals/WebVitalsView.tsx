'use client';

import { HistogramChart } from '@/components/charts/HistogramChart';
import { FilterSelect } from '@/components/view/FilterSelect';
import { useViewState } from '@/components/view/useViewState';
import { useViewProject } from '@/components/view/ViewProjects';
import { useAnnotations } from '@/lib/hooks/useAnnotations';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { useWebVitals } from '@/lib/hooks/useWebVitals';
import { DEVICES, VITAL_NAMES, VITAL_PERCENTILE_CHOICES, type VitalPercentile } from '@/lib/metrics';
import { formatRange } from '@/lib/format/time';
import { formatVital } from '@/lib/format/vitals';
import { webVitalsView } from '@/lib/views';
import { Card } from '../ui/Card';
import { FormError } from '../ui/Form';
import { BreakdownTable } from './BreakdownTable';
import { VitalCard } from './VitalCard';
import { VitalChart } from './VitalChart';
import { WebVitalsEmpty } from './WebVitalsEmpty';
import { WorstPages } from './WorstPages';

function PercentileSelector({ value, onChange }: { value: string; onChange: (p: VitalPercentile) => void }) {
  return (
    <div
      role="group"
      aria-label="Percentile"
      className="inline-flex w-fit rounded-md border border-border bg-surface p-0.5"
    >
      {VITAL_PERCENTILE_CHOICES.map((p) => (
        <button
          key={p}
          type="button"
          aria-pressed={value === p}
          onClick={() => onChange(p)}
          className={`rounded px-2.5 py-1 text-sm font-medium transition ${
            value === p ? 'bg-accent text-accent-fg' : 'text-fg-muted hover:bg-surface-muted hover:text-fg'
          }`}
        >
          {p}
        </button>
      ))}
    </div>
  );
}

function Skeleton() {
  return (
    <div role="status" aria-label="Loading the vitals" className="space-y-4">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="h-52 animate-pulse rounded-xl bg-surface-muted" />
        ))}
      </div>
      <div className="h-64 animate-pulse rounded-xl bg-surface-muted" />
    </div>
  );
}

/** A project's Core Web Vitals over the period at the chosen percentile, by page route and device. */
export function WebVitalsView() {
  const project = useViewProject();
  const { state: filters, update } = useViewState(webVitalsView);
  const query = useWebVitals(project.id, filters);
  const annotations = useAnnotations(project.id, filters);
  const zone = useTimeZone();
  const data = query.data;
  const pct = data?.percentile ?? filters.percentile;

  if (data && data.routes.length === 0) return <WebVitalsEmpty projectName={project.name} siteId={project.siteId} />;
  const any = data?.vitals.some((v) => v.count > 0) ?? false;
  return (
    // Busy while the numbers shown are still those of the previous choice.
    <div className="space-y-6" aria-busy={query.isPlaceholderData}>
      <div className="flex flex-wrap items-center gap-x-5 gap-y-3">
        <PercentileSelector value={filters.percentile} onChange={(percentile) => update({ percentile })} />
        <FilterSelect
          label="Page"
          value={filters.route}
          options={data?.routes ?? []}
          onChange={(route) => update({ route })}
        />
        <FilterSelect
          label="Device"
          value={filters.device}
          options={DEVICES.filter((d) => !data?.devices.length || data.devices.includes(d))}
          onChange={(device) => update({ device })}
        />
        {data && (
          <p
            className="text-xs text-fg-muted sm:ml-auto"
            data-testid="range"
            data-from={data.range.from}
            data-to={data.range.to}
            data-percentile={data.percentile}
          >
            {formatRange(data.range, zone)}
            {data.previousRange && <> · compared with {formatRange(data.previousRange, zone)}</>}
            {query.isFetching && ' · updating…'}
          </p>
        )}
      </div>

      <FormError message={query.error && `Could not read the vitals: ${query.error.message}`} />
      {query.isPending && <Skeleton />}

      {data && (
        <>
          <section aria-label="Vitals" className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-5">
            {data.vitals.map((v) => (
              <VitalCard key={v.vital} v={v} percentile={pct} />
            ))}
          </section>
          {!any ? (
            <Card>
              <p className="text-sm text-fg-muted">
                No vitals {filters.route || filters.device ? 'match these filters ' : ''}in this period. Choose a longer
                period{filters.route || filters.device ? ' or clear the filters' : ''}.
              </p>
            </Card>
          ) : (
            <>
              <p className="text-sm text-fg-muted" data-testid="score">
                Performance score{' '}
                <span className="text-base font-semibold tabular-nums text-fg">{data.score ?? '–'}</span> / 100 at {pct}{' '}
                (LCP 30, INP 30, CLS 15, FCP 15, TTFB 10). Percentiles are within 1%; shares are exact to the 1% bin
                holding each threshold.
              </p>

              <Card title={`${pct} over time`}>
                <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
                  {data.vitals.map((v) => (
                    <div key={v.vital} className="min-w-0">
                      <h3 className="mb-1 text-xs font-medium text-fg">
                        {v.vital} <span className="font-normal text-fg-muted">{VITAL_NAMES[v.vital]}</span>
                      </h3>
                      <VitalChart
                        vital={v.vital}
                        points={data.points}
                        good={v.good}
                        poor={v.poor}
                        percentile={pct}
                        annotations={annotations}
                        onZoom={(from, to) => update({ period: 'custom', from, to })}
                        label={`${v.vital} ${pct} in ${data.points.length} steps, with the good (${formatVital(
                          v.vital,
                          v.good,
                        )}) and poor (${formatVital(v.vital, v.poor)}) thresholds`}
                      />
                    </div>
                  ))}
                </div>
              </Card>

              <Card title="Worst pages">
                <WorstPages pages={data.worstPages} percentile={pct} />
              </Card>

              <Card title="By page route">
                <BreakdownTable
                  name="By page route"
                  rows={data.byRoute}
                  keyLabel="Page route"
                  caption={`Vitals at ${pct} per page route, worst score first, sortable by each column`}
                  percentile={pct}
                  initial={{ column: 'score', direction: 'ascending' }}
                />
              </Card>

              <Card title="By device">
                <BreakdownTable
                  name="By device"
                  rows={data.byDevice}
                  keyLabel="Device"
                  caption={`Vitals at ${pct} per device, sortable by each column`}
                  percentile={pct}
                  initial={{ column: 'samples', direction: 'descending' }}
                />
              </Card>

              <Card title="Distributions">
                <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
                  {data.vitals.map((v) => {
                    const bins = data.histograms[v.vital];
                    return (
                      <div key={v.vital} className="min-w-0">
                        <h3 className="mb-1 text-xs font-medium text-fg">{v.vital}</h3>
                        {bins.length ? (
                          <HistogramChart
                            bins={bins}
                            height="h-44"
                            noun="samples"
                            format={(x) => formatVital(v.vital, x)}
                            label={`How many ${v.vital} values fell where, in ${bins.length} bins from ${formatVital(
                              v.vital,
                              bins[0]!.from,
                            )} to ${formatVital(v.vital, bins.at(-1)!.to)}`}
                          />
                        ) : (
                          <p className="text-xs text-fg-muted">No samples.</p>
                        )}
                      </div>
                    );
                  })}
                </div>
              </Card>
            </>
          )}
        </>
      )}
    </div>
  );
}
