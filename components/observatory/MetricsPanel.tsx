import { Sparkline } from '@/components/charts/Sparkline';
import { Delta } from '@/components/endpoints/Delta';
import type { MetricSummary } from '@/lib/queries/observatory';
import { Card } from '../ui/Card';
import { formatMetric } from './format';

/** The known metrics a project does not report yet, by the name to report them under. */
export type MissingMetric = { label: string; name: string; kind: 'gauge' | 'counter' | 'distribution' };

/**
 * The known metrics the project reports, each with its latest value (counters: the period's
 * total), a trend and the change against the previous period; then one line naming the others
 * and how to report them. Nothing is shown for a metric that is not reported.
 */
export function MetricsPanel({
  title,
  metrics,
  missing,
  comparing,
}: {
  title: string;
  metrics: readonly MetricSummary[];
  missing: readonly MissingMetric[];
  comparing: boolean;
}) {
  return (
    <Card title={title} className="min-w-0">
      {metrics.length === 0 ? (
        <p className="text-sm text-fg-muted">None reported yet.</p>
      ) : (
        <ul className="divide-y divide-border" aria-label={title}>
          {metrics.map((m) => {
            const total = m.combine === 'total';
            return (
              <li key={m.key} data-metric={m.key} className="flex items-center gap-3 py-2.5">
                <div className="min-w-0 flex-1">
                  <p className="text-sm text-fg">{m.label}</p>
                  <p className="truncate text-xs text-fg-muted" title={m.name}>
                    <code className="font-mono">{m.name}</code>
                  </p>
                </div>
                <Sparkline
                  values={m.trend}
                  label={`${m.label} over the period, in ${m.trend.length} steps`}
                  width={72}
                />
                <div className="w-24 shrink-0 text-right">
                  <p className="text-sm font-semibold tabular-nums text-fg" data-testid="metric-value">
                    {formatMetric(m.latest, m.unit)}
                  </p>
                  <p className="text-xs text-fg-muted">
                    {total ? 'total' : m.combine === 'average' ? 'average' : `avg ${formatMetric(m.value, m.unit)}`}
                  </p>
                  {comparing && <Delta now={m.value} before={m.previous} higherIsWorse={m.higherIsBetter !== true} />}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {missing.length > 0 && (
        <p className="mt-3 border-t border-border pt-3 text-xs text-fg-muted" data-testid="report-others">
          Report {missing.length === 1 ? 'another' : 'others'} with{' '}
          <code className="font-mono">POST /api/v1/metrics</code>:{' '}
          {missing.map((m, i) => (
            <span key={m.name}>
              {i > 0 && ', '}
              {m.label.toLowerCase()} as the {m.kind} <code className="font-mono break-all">{m.name}</code>
            </span>
          ))}
          .
        </p>
      )}
    </Card>
  );
}
