'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { highest, TOOLTIP_LOOK, valueAxis } from './axes';
import { formatCount, formatMs, formatMsTick } from '@/lib/format/numbers';

export type HistogramBin = { from: number; to: number; count: number };

/**
 * A histogram on log-width bins (from the merged sketch); each bar is (from, to]. Latencies by
 * default; `format` and `noun` for other values (a unitless vital, page loads).
 */
export function HistogramChart({
  bins,
  label,
  format = formatMs,
  noun = 'requests',
  height = 'h-56',
}: {
  bins: readonly HistogramBin[];
  label: string;
  format?: (value: number) => string;
  noun?: string;
  height?: string;
}) {
  const data = bins.map((b) => ({ ...b, name: b.to === 0 ? format(0) : `${format(b.from)}–${format(b.to)}` }));
  return (
    <div role="img" aria-label={label} className={`${height} w-full`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="to"
            tickFormatter={(v: number) => (format === formatMs ? formatMsTick(v) : format(v))}
            stroke="var(--fg-muted)"
            fontSize={11}
            minTickGap={16}
          />
          <YAxis
            {...valueAxis(highest(data, ['count']), { counts: true })}
            tickFormatter={(v: number) => formatCount(v)}
            stroke="var(--fg-muted)"
            fontSize={11}
            width={56}
          />
          <Tooltip
            labelFormatter={(_, payload) => String(payload?.[0]?.payload?.name ?? '')}
            formatter={(v) => [formatCount(Number(v)), noun]}
            {...TOOLTIP_LOOK}
            cursor={{ fill: 'var(--surface-muted)' }}
          />
          <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
