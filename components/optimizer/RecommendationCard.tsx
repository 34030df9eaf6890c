/**
 * One recommendation: its priority, category and target, what was found, the predicted gain and
 * how it is computed, the numbers it came from with the rule that fired and a link to the view
 * that shows them, the steps to take, and its status with the actions the viewer may take.
 */
import Link from 'next/link';
import { Badge, type Tone } from '@/components/ui/Badge';
import type { Recommendation } from '@/lib/optimizer/store';
import { StatusActions, Time } from './controls';
import { numberText } from './format';

const PRIORITY_TONE: Record<Recommendation['priority'], Tone> = {
  critical: 'poor',
  high: 'poor',
  medium: 'warn',
  low: 'neutral',
};

const STATUS_TEXT: Record<Recommendation['status'], string> = {
  open: 'Open',
  in_progress: 'In progress',
  fixed: 'Fixed',
  dismissed: 'Dismissed',
  snoozed: 'Snoozed',
};

export function RecommendationCard({ r, project }: { r: Recommendation; project: string }) {
  const numbers = Object.entries(r.evidence.numbers).filter(([, v]) => v !== null);
  return (
    <article
      className="min-w-0 rounded-xl border border-border bg-surface p-4 shadow-sm"
      aria-labelledby={`rec-${r.id}`}
      data-testid="recommendation"
      data-detector={r.detector}
    >
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <Badge tone={PRIORITY_TONE[r.priority]}>{r.priority}</Badge>
        <Badge>{r.category}</Badge>
        <span className="text-fg-muted">
          {r.target.kind}: <span className="break-all">{r.target.name}</span>
        </span>
        <span className="ml-auto text-fg-muted" data-testid="status">
          {STATUS_TEXT[r.status]}
          {r.status === 'snoozed' && r.snoozedUntil && (
            <>
              {' '}
              until <Time iso={r.snoozedUntil} />
            </>
          )}
          {!r.current && ' · not found by the latest pass'}
        </span>
      </div>
      <h3 id={`rec-${r.id}`} className="mt-2 text-sm font-semibold break-words text-fg">
        {r.title}
      </h3>
      <p className="mt-1 text-sm text-fg" data-testid="impact">
        <span className="font-medium">Predicted: </span>
        {r.impact.predicted.summary}
        <span className="block text-xs text-fg-muted">Model: {r.impact.predicted.model}.</span>
      </p>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-fg-muted hover:text-fg">Evidence and steps</summary>
        <dl className="mt-2 grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-4 gap-y-1 text-xs">
          {numbers.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-fg-muted">{k}</dt>
              <dd className="min-w-0 break-words text-fg tabular-nums">{numberText(k, v)}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-xs text-fg-muted">
          Rule: {r.evidence.rule}. Period: <Time iso={new Date(r.evidence.period.from).toISOString()} /> to{' '}
          <Time iso={new Date(r.evidence.period.to).toISOString()} />.
        </p>
        <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-fg">
          {r.steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      </details>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Link href={r.evidence.href} className="text-sm font-medium text-accent underline-offset-2 hover:underline">
          See the evidence
        </Link>
        <span className="text-xs text-fg-muted">
          First seen <Time iso={r.firstSeenAt} />, last <Time iso={r.lastSeenAt} />
        </span>
        <div className="ml-auto">
          <StatusActions project={project} id={r.id} status={r.status} />
        </div>
      </div>
    </article>
  );
}
