'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMs, formatMsTick, formatTime } from '@/lib/view/format';

export type PercentilePoint = { t: number; p50: number | null; p95: number | null; p99: number | null };

const LINES = [
  { key: 'p50', name: 'p50', color: 'var(--good)', dash: undefined },
  { key: 'p95', name: 'p95', color: 'var(--accent)', dash: '6 3' },
  { key: 'p99', name: 'p99', color: 'var(--poor)', dash: '2 3' },
] as const;

function tick(t: number, span: number): string {
  const d = new Date(t);
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return span > 2 * 86_400_000 ? `${d.getUTCDate()}/${d.getUTCMonth() + 1}` : hm;
}

/** Latency percentiles over time; lines differ by dash as well as colour, and the legend names them. */
export function PercentilesChart({ points, label }: { points: readonly PercentilePoint[]; label: string }) {
  const span = points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0;
  return (
    <div role="img" aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points as PercentilePoint[]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(t: number) => tick(t, span)}
            stroke="var(--fg-muted)"
            fontSize={11}
            minTickGap={24}
          />
          <YAxis tickFormatter={(v: number) => formatMsTick(v)} stroke="var(--fg-muted)" fontSize={11} width={64} />
          <Tooltip
            labelFormatter={(t) => formatTime(Number(t))}
            formatter={(v) => formatMs(typeof v === 'number' ? v : null)}
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', fontSize: 12 }}
            labelStyle={{ color: 'var(--fg)' }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {LINES.map((l) => (
            <Line
              key={l.key}
              dataKey={l.key}
              name={l.name}
              stroke={l.color}
              strokeDasharray={l.dash}
              strokeWidth={1.75}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
