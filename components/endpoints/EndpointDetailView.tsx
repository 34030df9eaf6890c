'use client';

import { AlertTriangle, ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { HistogramChart } from '@/components/charts/HistogramChart';
import { PercentilesChart } from '@/components/charts/PercentilesChart';
import { Sparkline } from '@/components/charts/Sparkline';
import { useViewState } from '@/components/view/useViewState';
import { useViewProject } from '@/components/view/ViewProjects';
import { useAnnotations } from '@/lib/hooks/useAnnotations';
import { useEndpoint } from '@/lib/hooks/useEndpoints';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import type { EndpointKey } from '@/lib/queries/endpoints';
import { formatRange } from '@/lib/format/time';
import { formatCount, formatMs, formatPercent, formatRate, HIGH_ERROR_RATE } from '@/lib/format/numbers';
import { endpointsView, endpointView, sharedOf } from '@/lib/views';
import { Card } from '../ui/Card';
import { FormError } from '../ui/Form';
import { Delta, samplesOf } from './Delta';
import { RequestTable } from './RequestTable';
import { STATUS_TEXT } from './status';

function Stat({ label, value, delta }: { label: string; value: ReactNode; delta?: ReactNode }) {
  return (
    <div className="min-w-0 rounded-lg border border-border bg-surface p-3">
      <dt className="text-xs text-fg-muted">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums text-fg">{value}</dd>
      {delta && <dd>{delta}</dd>}
    </div>
  );
}

const NO_REQUESTS =
  'Single requests are kept for the raw retention (RETENTION_RAW_DAYS): the slowest and failed ones of each route and minute, and a sample of the rest. None are stored for this period.';

/** One route over the period: numbers, percentiles over time, histogram, status classes, DB time, slowest and failed requests. */
export function EndpointDetailView({ endpoint }: { endpoint: EndpointKey }) {
  const project = useViewProject();
  const { state, update } = useViewState(endpointView);
  const query = useEndpoint(project.id, state);
  const annotations = useAnnotations(project.id, state);
  const zone = useTimeZone();
  const data = query.data;
  const back = `/endpoints?${endpointsView.search({ ...sharedOf(state), project: project.slug })}`;
  const s = data?.summary;
  const highErrors = s?.errorRate != null && s.errorRate >= HIGH_ERROR_RATE;
  const totalStatus = data?.statuses.reduce((n, x) => n + x.requests, 0) ?? 0;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href={back} className="inline-flex items-center gap-1 text-sm text-accent hover:underline">
          <ArrowLeft className="h-4 w-4" aria-hidden /> All routes
        </Link>
        <h2 className="flex min-w-0 flex-wrap items-center gap-2 text-lg font-semibold text-fg">
          <span className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-xs text-fg-muted">
            {endpoint.method}
          </span>
          <span className="min-w-0 break-all font-mono">{endpoint.route}</span>
          <span className="text-sm font-normal text-fg-muted">{endpoint.service}</span>
        </h2>
        {data && (
          <p className="text-xs text-fg-muted" data-testid="range" data-from={data.range.from} data-to={data.range.to}>
            {formatRange(data.range, zone)}
            {data.previousRange && <> · compared with {formatRange(data.previousRange, zone)}</>}
          </p>
        )}
      </div>

      <FormError message={query.error && `Could not read this route: ${query.error.message}`} />
      {query.isPending && (
        <div role="status" aria-label="Loading the route" className="space-y-3">
          <div className="h-24 animate-pulse rounded-xl bg-surface-muted" />
          <div className="h-64 animate-pulse rounded-xl bg-surface-muted" />
        </div>
      )}

      {data && s && s.requests === 0 && (
        <Card>
          <p className="text-sm text-fg-muted">
            No requests to this route in this period. Choose a longer period, or check the route on the{' '}
            <Link href={back} className="text-accent hover:underline">
              list of routes
            </Link>
            .
          </p>
        </Card>
      )}

      {data && s && s.requests > 0 && (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7" aria-label="Summary">
            <Stat
              label="Requests"
              value={formatCount(s.requests)}
              delta={
                s.previous && (
                  <Delta
                    now={s.requests}
                    before={s.previous.requests || null}
                    higherIsWorse={false}
                    samples={samplesOf(s)}
                  />
                )
              }
            />
            <Stat label="Req/s" value={formatRate(s.rate)} />
            <Stat
              label="Errors (5xx)"
              value={
                <span className={`inline-flex items-center gap-1 ${highErrors ? 'text-poor' : ''}`}>
                  {highErrors && <AlertTriangle className="h-4 w-4" aria-hidden />}
                  {formatPercent(s.errorRate)}
                  {highErrors && <span className="sr-only"> (high)</span>}
                </span>
              }
              delta={s.previous && <Delta now={s.errorRate} before={s.previous.errorRate} samples={samplesOf(s)} />}
            />
            <Stat
              label="p50"
              value={formatMs(s.p50)}
              delta={s.previous && <Delta now={s.p50} before={s.previous.p50} samples={samplesOf(s)} />}
            />
            <Stat
              label="p95"
              value={formatMs(s.p95)}
              delta={s.previous && <Delta now={s.p95} before={s.previous.p95} samples={samplesOf(s)} />}
            />
            <Stat
              label="p99"
              value={formatMs(s.p99)}
              delta={s.previous && <Delta now={s.p99} before={s.previous.p99} samples={samplesOf(s)} />}
            />
            <Stat label="Max" value={formatMs(s.max)} />
          </dl>

          <Card title="Latency percentiles over time">
            <PercentilesChart
              points={data.points}
              annotations={annotations}
              onZoom={(from, to) => update({ period: 'custom', from, to })}
              label={`p50, p95 and p99 of ${endpoint.method} ${endpoint.route} in ${data.points.length} steps`}
            />
          </Card>

          <div className="grid gap-6 lg:grid-cols-2">
            <Card title="Latency histogram">
              <HistogramChart
                bins={data.histogram}
                label={`How many requests took how long, in ${data.histogram.length} bins from ${formatMs(
                  data.histogram[0]?.from,
                )} to ${formatMs(data.histogram.at(-1)?.to)}`}
              />
            </Card>

            <Card title="Status classes">
              <ul className="space-y-3" aria-label="Requests by status class">
                {data.statuses.map((x) => {
                  const share = totalStatus ? x.requests / totalStatus : 0;
                  const bad = x.statusClass === '5xx';
                  return (
                    <li key={x.statusClass} className="space-y-1">
                      <div className="flex items-center justify-between gap-3 text-sm">
                        <span className="inline-flex items-center gap-1.5 text-fg">
                          {bad && <AlertTriangle className="h-3.5 w-3.5 text-poor" aria-hidden />}
                          <span className="font-mono">{x.statusClass}</span>
                          <span className="text-xs text-fg-muted">{STATUS_TEXT[x.statusClass] ?? ''}</span>
                        </span>
                        <span className="tabular-nums text-fg">
                          {formatCount(x.requests)}{' '}
                          <span className="text-xs text-fg-muted">({formatPercent(share)})</span>
                        </span>
                      </div>
                      <div className="h-1.5 overflow-hidden rounded bg-surface-muted" aria-hidden>
                        <div
                          className={`h-full ${bad ? 'bg-poor' : x.statusClass === '4xx' ? 'bg-warn' : 'bg-good'}`}
                          style={{ width: `${Math.max(share * 100, 0.5)}%` }}
                        />
                      </div>
                    </li>
                  );
                })}
              </ul>
            </Card>
          </div>

          <Card title="Database time">
            {data.db.share === null || data.db.timedRequests === 0 ? (
              <p className="text-sm text-fg-muted">
                No database time recorded for this route. Send <code className="font-mono text-xs">dbTimeMs</code> with
                each request to see it.
              </p>
            ) : (
              <div className="space-y-3">
                <p className="text-sm text-fg">
                  <span className="text-2xl font-semibold tabular-nums" data-testid="db-share">
                    {formatPercent(data.db.share)}
                  </span>{' '}
                  of this route&apos;s time was spent in the database ({formatMs(data.db.timeMs)} of{' '}
                  {formatMs(data.db.requestMs)}).
                </p>
                <div className="flex items-center gap-3 text-xs text-fg-muted">
                  <span>Share over the period</span>
                  <Sparkline
                    values={data.points.map((p) => p.dbShare)}
                    width={160}
                    height={28}
                    label="Database share of request time over the period"
                  />
                </div>
              </div>
            )}
          </Card>

          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <Card title="Slowest requests">
              {data.slowest.length === 0 ? (
                <p className="text-sm text-fg-muted">{NO_REQUESTS}</p>
              ) : (
                <RequestTable
                  rows={data.slowest}
                  projectSlug={project.slug}
                  caption="The slowest single requests kept in the period, slowest first"
                  testId="slowest-requests"
                />
              )}
            </Card>

            <Card title="Latest failed requests">
              {data.failed.length === 0 ? (
                <p className="text-sm text-fg-muted">
                  {data.slowest.length === 0 ? NO_REQUESTS : 'No request of this route failed (5xx) in the period.'}
                </p>
              ) : (
                <RequestTable
                  rows={data.failed}
                  projectSlug={project.slug}
                  caption="The latest failed (5xx) requests kept in the period, newest first"
                  testId="failed-requests"
                />
              )}
            </Card>
          </div>
        </>
      )}
    </div>
  );
}
