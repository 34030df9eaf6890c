import { ArrowDown, ArrowUp } from 'lucide-react';
import { change, formatPercent } from '@/lib/view/format';

/**
 * The change against the previous period, as a signed percentage with an arrow; the words say
 * whether it is worse, so colour only repeats it. `higherIsWorse` for latencies and errors.
 */
export function Delta({
  now,
  before,
  higherIsWorse = true,
}: {
  now: number | null;
  before: number | null;
  higherIsWorse?: boolean;
}) {
  const c = change(now, before);
  if (c === null) {
    return <span className="block text-xs text-fg-muted">{before === null || before === 0 ? 'new' : '–'}</span>;
  }
  if (Math.abs(c) < 0.005) return <span className="block text-xs text-fg-muted">±0%</span>;
  const worse = c > 0 === higherIsWorse;
  const Icon = c > 0 ? ArrowUp : ArrowDown;
  return (
    <span
      className={`inline-flex items-center gap-0.5 text-xs ${worse ? 'text-poor' : 'text-good'}`}
      title={`${c > 0 ? 'Up' : 'Down'} ${formatPercent(Math.abs(c))} from the previous period`}
    >
      <Icon className="h-3 w-3" aria-hidden />
      {c > 0 ? '+' : '−'}
      {formatPercent(Math.abs(c))}
      <span className="sr-only">{worse ? ' (worse)' : ' (better)'} than the previous period</span>
    </span>
  );
}
