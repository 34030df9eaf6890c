import type { VitalAttribution, WorstPage } from '@/lib/queries/web-vitals';
import { formatCount, formatMs } from '@/lib/format/numbers';
import { VITAL_NAMES, VITALS } from '@/lib/metrics';
import { formatVital } from '@/lib/format/vitals';
import { Rating } from './Rating';

const WHAT: Record<string, string> = {
  LCP: 'Largest element',
  INP: 'Slowest interaction target',
  CLS: 'Largest layout shift source',
};

function Attribution({ a }: { a: VitalAttribution }) {
  return (
    <div
      className="min-w-0 space-y-1 rounded-lg border border-border bg-surface-muted/40 p-3"
      data-attribution={a.vital}
    >
      <p className="text-xs font-medium text-fg">
        {a.vital} · {WHAT[a.vital]}{' '}
        <span className="font-normal text-fg-muted">({formatCount(a.samples)} samples not rated good)</span>
      </p>
      {a.target ? (
        <p className="min-w-0 text-sm">
          <code className="break-all font-mono text-[13px] text-fg" data-testid="target">
            {a.target.value}
          </code>{' '}
          <span className="text-xs text-fg-muted">in {formatCount(a.target.count)}</span>
        </p>
      ) : (
        <p className="text-xs text-fg-muted">No element recorded.</p>
      )}
      {a.url && (
        <p className="min-w-0 text-xs text-fg-muted">
          Resource <code className="break-all font-mono text-fg">{a.url.value}</code> (in {formatCount(a.url.count)})
        </p>
      )}
      {a.vital === 'INP' && (a.interaction || a.phases) && (
        <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="INP phases, medians">
          {a.interaction && (
            <div>
              <dt className="text-fg-muted">Interaction</dt>
              <dd className="text-fg">{a.interaction}</dd>
            </div>
          )}
          {a.phases && (
            <>
              <div>
                <dt className="text-fg-muted">Input delay</dt>
                <dd className="tabular-nums text-fg">{formatMs(a.phases.inputDelay)}</dd>
              </div>
              <div>
                <dt className="text-fg-muted">Processing</dt>
                <dd className="tabular-nums text-fg">{formatMs(a.phases.processing)}</dd>
              </div>
              <div>
                <dt className="text-fg-muted">Presentation</dt>
                <dd className="tabular-nums text-fg">{formatMs(a.phases.presentation)}</dd>
              </div>
            </>
          )}
        </dl>
      )}
    </div>
  );
}

/** The pages with a vital not rated good, worst score first, and what the tracker attributed their slow vitals to. */
export function WorstPages({ pages, percentile }: { pages: readonly WorstPage[]; percentile: string }) {
  if (pages.length === 0)
    return <p className="text-sm text-fg-muted">Every page rates good on every vital at {percentile}.</p>;
  return (
    <ol className="space-y-4" aria-label="Worst pages">
      {pages.map((page) => (
        <li
          key={page.key}
          className="min-w-0 space-y-3 border-b border-border pb-4 last:border-0 last:pb-0"
          data-page={page.key}
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="min-w-0 break-all font-mono text-sm font-semibold text-fg">{page.key}</h3>
            <p className="text-xs text-fg-muted">
              Score <span className="font-semibold tabular-nums text-fg">{page.score ?? '–'}</span> ·{' '}
              {formatCount(page.samples)} samples
            </p>
          </div>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label={`Vitals of ${page.key} not rated good`}>
            {VITALS.filter((v) => page.vitals[v].rating && page.vitals[v].rating !== 'good').map((v) => (
              <li key={v} className="inline-flex items-center gap-1.5" title={VITAL_NAMES[v]}>
                <span className="font-medium text-fg">{v}</span>
                <span className="tabular-nums text-fg">{formatVital(v, page.vitals[v].value)}</span>
                <Rating rating={page.vitals[v].rating} />
              </li>
            ))}
          </ul>
          {page.attribution.length ? (
            <div className="grid grid-cols-1 gap-2 lg:grid-cols-3">
              {page.attribution.map((a) => (
                <Attribution key={a.vital} a={a} />
              ))}
            </div>
          ) : (
            <p className="text-xs text-fg-muted">
              No attribution stored for this page in this period: the tracker sends it with{' '}
              <code className="font-mono">{'data-attribution="true"'}</code>, for LCP, INP and CLS values not rated
              good.
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
