'use client';

import Link from 'next/link';
import { LazyPercentilesChart, LazyTrafficChart } from '@/components/charts/lazy';
import { useViewState } from '@/components/view/useViewState';
import { useViewProject } from '@/components/view/ViewProjects';
import { VitalCard } from '@/components/web-vitals/VitalCard';
import { useAlertHistory, useAlertRules } from '@/lib/hooks/useAlerts';
import { useAnnotations } from '@/lib/hooks/useAnnotations';
import { useObservatory } from '@/lib/hooks/useObservatory';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatRange } from '@/lib/format/time';
import {
  enoughToCompare,
  formatCount,
  formatMs,
  formatPercent,
  formatRate,
  MIN_COMPARE_SAMPLES,
} from '@/lib/format/numbers';
import type { Change } from '@/lib/queries/observatory';
import { BUSINESS_METRICS, INFRASTRUCTURE_METRICS, kindOf, type KnownMetric } from '@/lib/metrics';
import {
  endpointsView,
  naturalDirection,
  observatoryView,
  sharedOf,
  webVitalsView,
  type SortColumn,
} from '@/lib/views';
import { Card } from '../ui/Card';
import { FormError } from '../ui/Form';
import { formatMetric } from './format';
import { KpiCard } from './KpiCard';
import { MetricsPanel, type MissingMetric } from './MetricsPanel';
import { formatGoalLevel, goalLevels } from '@/lib/goals/format';
import { againstGoal, apdexRating, scoreRating } from './ratings';
import { recentAlerts } from './recent-alerts';
import { RecentAlerts } from './RecentAlerts';
import { Verdict } from './Verdict';

/** The view's shape while its numbers are on their way (also the page's while the server reads them). */
export function ObservatorySkeleton() {
  return (
    <div role="status" aria-label="Loading the overview" className="space-y-4">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-4">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-32 animate-pulse rounded-xl bg-surface-muted" />
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="h-72 animate-pulse rounded-xl bg-surface-muted" />
        <div className="h-72 animate-pulse rounded-xl bg-surface-muted" />
      </div>
    </div>
  );
}

function missingOf(list: readonly KnownMetric[], reported: readonly { key: string }[]): MissingMetric[] {
  const have = new Set(reported.map((m) => m.key));
  return list.filter((m) => !have.has(m.key)).map((m) => ({ label: m.label, name: m.names[0]!, kind: kindOf(m) }));
}

/** The project's health at a glance, each number one click from the view that explains it. */
export function ObservatoryView() {
  const project = useViewProject();
  const { state, update } = useViewState(observatoryView);
  const zoomTo = (from: number, to: number) => update({ period: 'custom', from, to });
  const query = useObservatory(project.id, state);
  const rules = useAlertRules(project.id);
  const history = useAlertHistory(project.id);
  const annotations = useAnnotations(project.id, state);
  const zone = useTimeZone();
  const data = query.data;
  const shared = { ...sharedOf(state), project: project.slug };
  const endpointsBy = (column: SortColumn) =>
    `/endpoints?${endpointsView.search({ ...shared, sort: { column, direction: naturalDirection(column) } })}`;
  const webVitals = `/web-vitals?${webVitalsView.search(shared)}`;
  const comparing = data?.previousRange != null;
  const change = (c: Change, higherIsWorse: boolean, unit = 'requests') =>
    comparing
      ? {
          now: c.value,
          before: c.previous,
          higherIsWorse,
          samples: c.counts ? { ...c.counts, unit } : undefined,
        }
      : null;

  return (
    // Busy while the numbers shown are still those of the previous choice.
    <div className="space-y-6" aria-busy={query.isPlaceholderData}>
      {data && (
        <p className="text-xs text-fg-muted" data-testid="range" data-from={data.range.from} data-to={data.range.to}>
          {formatRange(data.range, zone)}
          {data.previousRange && <> · compared with {formatRange(data.previousRange, zone)}</>}
          {query.isFetching && ' · updating…'}
        </p>
      )}
      <FormError message={query.error && `Could not read the overview: ${query.error.message}`} />
      {query.isPending && <ObservatorySkeleton />}

      {data && (
        <>
          <section aria-labelledby="kpis-title">
            <h2 id="kpis-title" className="sr-only">
              Key numbers
            </h2>
            {data.requests.value === 0 && (
              <p className="mb-3 rounded-xl border border-border bg-surface p-4 text-sm text-fg-muted">
                No requests recorded for {project.name} in this period. Services send them with{' '}
                <code className="font-mono">POST /api/v1/requests</code>; choose a longer period to see older ones.
              </p>
            )}
            <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-4">
              {(['p50', 'p95', 'p99'] as const).map((p) => (
                <KpiCard
                  key={p}
                  id={p}
                  label={`Response time ${p}`}
                  value={formatMs(data[p].value)}
                  against={`Goal ${goalLevels(data.goals[p])}`}
                  judgement={againstGoal(data[p].value, data.goals[p])}
                  change={change(data[p], true)}
                  href={endpointsBy(p)}
                  hrefLabel={`Routes by ${p}, slowest first`}
                />
              ))}
              <KpiCard
                id="throughput"
                label="Throughput"
                value={formatRate(data.throughput.value ?? 0)}
                unit="req/s"
                against={`${formatCount(data.requests.value ?? 0)} requests`}
                judgement={data.requests.value ? { tone: 'good', label: 'Serving' } : null}
                note={`Capacity goal ≥ ${formatGoalLevel(data.goals.throughput.target, 'req/s')}`}
                change={change(data.throughput, false)}
                href={endpointsBy('requests')}
                hrefLabel="Routes by requests, busiest first"
              />
              <KpiCard
                id="errors"
                label="Error rate (5xx)"
                value={formatPercent(data.errorRate.value)}
                against={`Goal ${goalLevels(data.goals.errorRate)}`}
                judgement={againstGoal(
                  data.errorRate.value === null ? null : data.errorRate.value * 100,
                  data.goals.errorRate,
                )}
                change={change(data.errorRate, true)}
                href={endpointsBy('errorRate')}
                hrefLabel="Routes by error rate, highest first"
              />
              <KpiCard
                id="apdex"
                label="Apdex"
                value={data.apdex.value === null ? '–' : data.apdex.value.toFixed(2)}
                against={`T = ${formatMs(data.apdexT)}`}
                judgement={apdexRating(data.apdex.value)}
                change={change(data.apdex, false)}
                href={endpointsBy('p95')}
                hrefLabel="Routes by p95, slowest first"
              />
              <KpiCard
                id="active-users"
                label="Active users"
                value={formatCount(data.activeUsers.value ?? 0)}
                against="Page loads in the last 5 minutes"
                judgement={
                  data.activeUsers.value ? { tone: 'good', label: 'Browsing now' } : { tone: 'warn', label: 'None now' }
                }
                change={change(data.activeUsers, false, 'page loads')}
                href={webVitals}
                hrefLabel="Web Vitals of these pages"
              />
              {data.cpu && (
                <KpiCard
                  id="cpu"
                  label="CPU"
                  value={formatMetric(data.cpu.latest, data.cpu.unit)}
                  against={`Avg ${formatMetric(data.cpu.value, data.cpu.unit)} · goal ${goalLevels(data.goals.cpu)}`}
                  judgement={againstGoal(data.cpu.latest, data.goals.cpu)}
                  change={comparing ? { now: data.cpu.value, before: data.cpu.previous, higherIsWorse: true } : null}
                />
              )}
              {data.memory && (
                <KpiCard
                  id="memory"
                  label="Memory"
                  value={formatMetric(data.memory.latest, data.memory.unit)}
                  against={`Avg ${formatMetric(data.memory.value, data.memory.unit)}`}
                  judgement={{ tone: 'good', label: 'Reported' }}
                  change={
                    comparing ? { now: data.memory.value, before: data.memory.previous, higherIsWorse: true } : null
                  }
                />
              )}
            </ul>
          </section>

          <div className="grid min-w-0 gap-4 lg:grid-cols-2">
            <Card title="Latency percentiles over time" className="min-w-0">
              <LazyPercentilesChart
                points={data.latency}
                annotations={annotations}
                onZoom={zoomTo}
                label={`Response time p50, p95 and p99 in ${data.latency.length} steps of ${formatMs(data.step)}`}
              />
            </Card>
            <Card title="Throughput and errors over time" className="min-w-0">
              <LazyTrafficChart
                points={data.traffic}
                annotations={annotations}
                onZoom={zoomTo}
                label={`Requests per second and 5xx errors in ${data.traffic.length} steps of ${formatMs(data.step)}`}
              />
            </Card>
          </div>

          <section aria-labelledby="vitals-title" className="space-y-3">
            <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
              <h2 id="vitals-title" className="text-sm font-semibold text-fg">
                Core Web Vitals at p75
              </h2>
              <Link href={webVitals} className="text-sm text-accent underline-offset-2 hover:underline">
                Pages, devices and causes in Web Vitals
              </Link>
            </div>
            <div
              className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-xl border border-border bg-surface p-4"
              data-testid="score"
            >
              <span className="text-sm text-fg-muted">Performance score</span>
              <span className="text-2xl font-semibold tabular-nums text-fg">{data.score.value ?? '–'}</span>
              <span className="text-sm text-fg-muted">/ 100</span>
              {scoreRating(data.score.value) ? (
                <Verdict {...scoreRating(data.score.value)!} />
              ) : (
                <span className="text-xs text-fg-muted">no vitals in this period</span>
              )}
              {data.score.value !== null && data.score.counts && data.score.counts.now < MIN_COMPARE_SAMPLES && (
                <span className="text-xs text-warn" data-testid="score-few">
                  from only {formatCount(data.score.counts.now)} page loads: too few to rely on
                </span>
              )}
              {comparing &&
                data.score.previous !== null &&
                data.score.counts &&
                (enoughToCompare({ ...data.score.counts, unit: 'page loads' }) ? (
                  <span className="text-xs text-fg-muted">was {data.score.previous} in the period before</span>
                ) : (
                  <span
                    className="text-xs text-fg-muted"
                    title={`${formatCount(data.score.counts.before)} page loads in the period before: a comparison needs at least ${MIN_COMPARE_SAMPLES} on each side`}
                  >
                    not enough data to compare with the period before
                  </span>
                ))}
            </div>
            <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-5">
              {data.vitals.map((v) => (
                <li key={v.vital} className="min-w-0 [&>article]:h-full">
                  <VitalCard v={v} percentile="p75" href={webVitals} />
                </li>
              ))}
            </ul>
          </section>

          <div className="grid min-w-0 gap-4 lg:grid-cols-2">
            <MetricsPanel
              title="Infrastructure health"
              metrics={data.infrastructure}
              missing={missingOf(INFRASTRUCTURE_METRICS, data.infrastructure)}
              comparing={comparing}
            />
            <MetricsPanel
              title="Business metrics"
              metrics={data.business}
              missing={missingOf(BUSINESS_METRICS, data.business)}
              comparing={comparing}
            />
          </div>

          <RecentAlerts alerts={recentAlerts(rules.data, history.data, data.range)} projectSlug={project.slug} />
        </>
      )}
    </div>
  );
}
