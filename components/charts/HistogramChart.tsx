'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatMs, formatMsTick } from '@/lib/view/format';

export type HistogramBin = { from: number; to: number; count: number };

/** A latency histogram on log-width bins (from the merged sketch); each bar is (from, to]. */
export function HistogramChart({ bins, label }: { bins: readonly HistogramBin[]; label: string }) {
  const data = bins.map((b) => ({ ...b, name: `${formatMs(b.from)}–${formatMs(b.to)}` }));
  return (
    <div role="img" aria-label={label} className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="to"
            tickFormatter={(v: number) => formatMsTick(v)}
            stroke="var(--fg-muted)"
            fontSize={11}
            minTickGap={16}
          />
          <YAxis tickFormatter={(v: number) => formatCount(v)} stroke="var(--fg-muted)" fontSize={11} width={56} />
          <Tooltip
            labelFormatter={(_, payload) => String(payload?.[0]?.payload?.name ?? '')}
            formatter={(v) => [formatCount(Number(v)), 'requests']}
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', fontSize: 12 }}
            labelStyle={{ color: 'var(--fg)' }}
            cursor={{ fill: 'var(--surface-muted)' }}
          />
          <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
