import { ChevronRight } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Delta } from '@/components/endpoints/Delta';
import type { Samples } from '@/lib/format/numbers';
import type { Judgement } from './ratings';
import { Verdict } from './Verdict';

/**
 * One key number: its value, what it is held against (the project's goal), the judgement in
 * words, the change against the previous period when comparing, and a link to the view that
 * explains it.
 */
export function KpiCard({
  id,
  label,
  value,
  unit,
  against,
  judgement,
  change,
  href,
  hrefLabel,
  note,
}: {
  id: string;
  label: string;
  value: string;
  unit?: string;
  against?: string;
  judgement: Judgement | null;
  /** Present only when comparing. */
  change?: { now: number | null; before: number | null; higherIsWorse: boolean; samples?: Samples } | null;
  href?: string;
  hrefLabel?: string;
  note?: ReactNode;
}) {
  const body = (
    <>
      <h3 id={`kpi-${id}`} className="flex items-start justify-between gap-2 text-xs font-medium text-fg-muted">
        <span className="min-w-0 break-words">{label}</span>
        {href && <ChevronRight className="h-3.5 w-3.5 shrink-0" aria-hidden />}
      </h3>
      <p className="mt-1 flex flex-wrap items-baseline gap-x-1">
        <span className="text-2xl font-semibold tabular-nums text-fg" data-testid="kpi-value">
          {value}
        </span>
        {unit && <span className="text-xs text-fg-muted">{unit}</span>}
      </p>
      <div className="mt-1 flex min-h-5 flex-wrap items-center gap-x-2 gap-y-0.5">
        {judgement ? <Verdict {...judgement} /> : <span className="text-xs text-fg-muted">no data</span>}
        {change && <Delta {...change} />}
      </div>
      {against && <p className="mt-1 text-xs text-fg-muted">{against}</p>}
      {note && <p className="mt-1 text-xs text-fg-muted">{note}</p>}
    </>
  );
  const box = 'block h-full min-w-0 rounded-xl border border-border bg-surface p-4 shadow-sm';
  return (
    <li data-kpi={id} className="min-w-0">
      {href ? (
        <Link
          href={href}
          title={hrefLabel}
          className={`${box} transition hover:border-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent`}
        >
          {body}
          {hrefLabel && <span className="sr-only">{hrefLabel}</span>}
        </Link>
      ) : (
        <div className={box}>{body}</div>
      )}
    </li>
  );
}
