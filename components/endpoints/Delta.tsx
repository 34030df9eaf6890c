import { ArrowDown, ArrowUp } from 'lucide-react';
import {
  change,
  enoughToCompare,
  formatCount,
  formatPercent,
  MIN_COMPARE_SAMPLES,
  type Samples,
} from '@/lib/format/numbers';

/**
 * The change against the previous period, on its own line under the value: a signed
 * percentage with an arrow, and words for screen readers saying whether it is worse, so colour
 * only repeats it. `higherIsWorse` for latencies and errors. With `samples`, a change from fewer
 * than MIN_COMPARE_SAMPLES values on either side says "not enough data" instead.
 */
export function Delta({
  now,
  before,
  higherIsWorse = true,
  samples,
}: {
  now: number | null;
  before: number | null;
  higherIsWorse?: boolean;
  samples?: Samples;
}) {
  const muted = (text: string, title: string) => (
    <span className="block text-xs text-fg-muted" title={title}>
      {text}
    </span>
  );
  // No value before: the route had no requests in the previous period.
  if (before === null) return muted('new', 'No requests in the previous period');
  if (now === null) return muted('–', 'No value in this period');
  if (samples && !enoughToCompare(samples)) {
    return muted(
      'not enough data',
      `${formatCount(samples.now)} ${samples.unit} in this period and ${formatCount(samples.before)} in the one before: a change needs at least ${MIN_COMPARE_SAMPLES} on each side`,
    );
  }
  if (before === 0) return now === 0 ? muted('±0%', 'Unchanged') : muted('from 0', 'Zero in the previous period');
  const c = change(now, before)!;
  if (Math.abs(c) < 0.005) return muted('±0%', 'Unchanged from the previous period');
  const worse = c > 0 === higherIsWorse;
  const Icon = c > 0 ? ArrowUp : ArrowDown;
  return (
    <span className="block text-xs">
      <span
        className={`inline-flex items-center gap-0.5 ${worse ? 'text-poor' : 'text-good'}`}
        title={`${c > 0 ? 'Up' : 'Down'} ${formatPercent(Math.abs(c))} from the previous period`}
      >
        <Icon className="h-3 w-3" aria-hidden />
        {c > 0 ? '+' : '−'}
        {formatPercent(Math.abs(c))}
        <span className="sr-only">{worse ? ' (worse)' : ' (better)'} than the previous period</span>
      </span>
    </span>
  );
}

/** The requests a route's numbers come from, in this period and the one before. */
export function samplesOf(r: { requests: number; previous: { requests: number } | null }): Samples | undefined {
  return r.previous ? { now: r.requests, before: r.previous.requests, unit: 'requests' } : undefined;
}
