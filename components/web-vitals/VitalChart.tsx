'use client';

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { WebVital } from '@/lib/ingest/web-vitals';
import type { VitalPoint } from '@/lib/queries/web-vitals';
import { formatTime } from '@/lib/view/format';
import { formatVital } from '@/lib/view/vitals';

function tick(t: number, span: number): string {
  const d = new Date(t);
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return span > 2 * 86_400_000 ? `${d.getUTCDate()}/${d.getUTCMonth() + 1}` : hm;
}

/**
 * One vital's percentile over time, with the good and poor thresholds as labelled reference
 * lines (dashed differently, so they read without colour).
 */
export function VitalChart({
  vital,
  points,
  good,
  poor,
  percentile,
  label,
}: {
  vital: WebVital;
  points: readonly VitalPoint[];
  good: number;
  poor: number;
  percentile: string;
  label: string;
}) {
  const span = points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0;
  const highest = Math.max(0, ...points.map((p) => p[vital] ?? 0));
  return (
    <div role="img" aria-label={label} className="h-48 w-full" data-chart={vital}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points as VitalPoint[]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
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
          <YAxis
            tickFormatter={(v: number) => (v === 0 ? '0' : formatVital(vital, v))}
            stroke="var(--fg-muted)"
            fontSize={11}
            width={64}
            domain={[0, Math.max(highest, poor) * 1.05]}
          />
          <Tooltip
            labelFormatter={(t) => formatTime(Number(t))}
            formatter={(v) => [formatVital(vital, typeof v === 'number' ? v : null), `${vital} ${percentile}`]}
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', fontSize: 12 }}
            labelStyle={{ color: 'var(--fg)' }}
          />
          <ReferenceLine
            y={good}
            stroke="var(--good)"
            strokeDasharray="6 3"
            ifOverflow="extendDomain"
            label={{ value: 'good', position: 'insideTopLeft', fill: 'var(--fg-muted)', fontSize: 10 }}
          />
          <ReferenceLine
            y={poor}
            stroke="var(--poor)"
            strokeDasharray="2 3"
            ifOverflow="extendDomain"
            label={{ value: 'poor', position: 'insideTopLeft', fill: 'var(--fg-muted)', fontSize: 10 }}
          />
          <Line
            dataKey={vital}
            name={`${vital} ${percentile}`}
            stroke="var(--accent)"
            strokeWidth={1.75}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
