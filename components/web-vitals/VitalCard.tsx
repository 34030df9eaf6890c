import Link from 'next/link';
import { Delta } from '@/components/endpoints/Delta';
import type { VitalSummary } from '@/lib/queries/web-vitals';
import { formatCount, formatPercent } from '@/lib/format/numbers';
import { VITAL_NAMES } from '@/lib/metrics';
import { formatVital } from '@/lib/format/vitals';
import { Rating, RATING_BG } from './Rating';

/**
 * One vital: the percentile, its rating in words and icon, the thresholds and the good / NI / poor
 * shares. With `href` the whole card opens it: the vital's name is the link ("LCP at p75: open
 * …"), and its area covers the card.
 */
export function VitalCard({ v, percentile, href }: { v: VitalSummary; percentile: string; href?: string }) {
  const shares = v.shares;
  const parts = shares
    ? ([
        ['good', 'Good', shares.good],
        ['needs-improvement', 'Needs improvement', shares.needsImprovement],
        ['poor', 'Poor', shares.poor],
      ] as const)
    : [];
  return (
    <article
      aria-labelledby={`vital-${v.vital}`}
      data-vital={v.vital}
      className={`flex min-w-0 flex-col gap-3 rounded-xl border border-border bg-surface p-4 shadow-sm ${
        href ? 'relative transition hover:border-accent has-[a:focus-visible]:border-accent' : ''
      }`}
    >
      <header className="min-w-0">
        <h2 id={`vital-${v.vital}`} className="text-sm font-semibold text-fg">
          {href ? (
            <Link
              href={href}
              aria-label={`${v.vital} at ${percentile}: open Web Vitals`}
              className="rounded after:absolute after:inset-0 after:rounded-xl"
            >
              {v.vital}
            </Link>
          ) : (
            v.vital
          )}
        </h2>
        <p className="truncate text-xs text-fg-muted">{VITAL_NAMES[v.vital]}</p>
      </header>
      <div>
        <p className="flex items-baseline gap-2">
          <span className="text-2xl font-semibold tabular-nums text-fg" data-testid="vital-value">
            {formatVital(v.vital, v.value)}
          </span>
          <span className="text-xs text-fg-muted">{percentile}</span>
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1">
          <Rating rating={v.rating} />
          {v.previous && (
            <Delta
              now={v.value}
              before={v.previous.value}
              samples={{ now: v.count, before: v.previous.count, unit: 'values' }}
            />
          )}
        </div>
      </div>
      <p className="text-xs text-fg-muted" data-testid="vital-thresholds">
        Good ≤ {formatVital(v.vital, v.good)} · poor &gt; {formatVital(v.vital, v.poor)}
      </p>
      {shares ? (
        <div className="space-y-1.5">
          <div className="flex h-2 overflow-hidden rounded-full bg-surface-muted" aria-hidden>
            {parts.map(([rating, , share]) => (
              <div key={rating} className={RATING_BG[rating]} style={{ width: `${share * 100}%` }} />
            ))}
          </div>
          <ul className="space-y-0.5 text-xs" aria-label={`${v.vital} values by rating`}>
            {parts.map(([rating, label, share]) => (
              <li key={rating} className="flex justify-between gap-2" data-share={rating}>
                <span className="inline-flex items-center gap-1.5 text-fg-muted">
                  <span className={`h-2 w-2 rounded-sm ${RATING_BG[rating]}`} aria-hidden />
                  {label}
                </span>
                <span className="tabular-nums text-fg">{formatPercent(share)}</span>
              </li>
            ))}
          </ul>
          <p className="text-xs text-fg-muted">{formatCount(v.count)} samples</p>
        </div>
      ) : (
        <p className="text-xs text-fg-muted">No samples in this period.</p>
      )}
    </article>
  );
}
