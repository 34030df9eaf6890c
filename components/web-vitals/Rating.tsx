import { AlertTriangle, CheckCircle2, XCircle } from 'lucide-react';
import type { VitalRating } from '@/lib/metrics';
import { RATING_LABELS } from '@/lib/format/vitals';

const ICONS = { good: CheckCircle2, 'needs-improvement': AlertTriangle, poor: XCircle } as const;
export const RATING_TEXT = { good: 'text-good', 'needs-improvement': 'text-warn', poor: 'text-poor' } as const;
export const RATING_BG = { good: 'bg-good', 'needs-improvement': 'bg-warn', poor: 'bg-poor' } as const;

/** A rating as an icon and words (colour only repeats them); `compact` keeps the words for screen readers. */
export function Rating({ rating, compact = false }: { rating: VitalRating | null; compact?: boolean }) {
  if (rating === null) return <span className="text-xs text-fg-muted">no data</span>;
  const Icon = ICONS[rating];
  return (
    <span className={`inline-flex items-center gap-1 text-xs font-medium ${RATING_TEXT[rating]}`} data-rating={rating}>
      <Icon className="h-3.5 w-3.5 shrink-0" aria-hidden />
      {compact ? <span className="sr-only">{RATING_LABELS[rating]}</span> : RATING_LABELS[rating]}
    </span>
  );
}
