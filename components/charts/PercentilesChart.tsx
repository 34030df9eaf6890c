'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Annotation } from '@/lib/annotations/types';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatMs, formatMsTick } from '@/lib/format/numbers';
import { annotationsSummary, visibleAnnotations } from './annotation-spans';
import { chartDomain, hasValues, highest, loneDots, PREVIOUS_LINE, timeAxis, TOOLTIP_LOOK, valueAxis } from './axes';
import { AnnotationLayer, AnnotationLegend, TooltipLabel } from './ChartAnnotations';
import { useDragZoom } from './zoom';

/** `previousP95`: the same step of the period before, drawn as a grey dotted line when present. */
export type PercentilePoint = {
  t: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  previousP95?: number | null;
};

const LINES = [
  { key: 'p50', name: 'p50', color: 'var(--good)', dash: undefined },
  { key: 'p95', name: 'p95', color: 'var(--accent)', dash: '6 3' },
  { key: 'p99', name: 'p99', color: 'var(--poor)', dash: '2 3' },
] as const;

const NONE: readonly Annotation[] = [];

/**
 * Latency percentiles over time; lines differ by dash as well as colour, and the legend names
 * them. Annotations (alerts firing) are marked over them; when comparing, the period before's p95
 * is a grey dotted line.
 */
export function PercentilesChart({
  points,
  label,
  annotations = NONE,
  onZoom,
}: {
  points: readonly PercentilePoint[];
  label: string;
  annotations?: readonly Annotation[];
  /** Drag across the chart to ask for that period (./zoom.tsx). */
  onZoom?: (from: number, to: number) => void;
}) {
  const zone = useTimeZone();
  const zoom = useDragZoom(points, onZoom);
  const shown = visibleAnnotations(annotations, chartDomain(points));
  const withPrevious = hasValues(points, 'previousP95');
  return (
    <div>
      <div role="img" aria-label={`${label}${annotationsSummary(shown)}`} {...zoom.frame('h-64')}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            {...zoom.handlers}
            data={points as PercentilePoint[]}
            margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          >
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis {...timeAxis(points, zone)} />
            <YAxis
              {...valueAxis(highest(points, ['p50', 'p95', 'p99', 'previousP95']))}
              tickFormatter={(v: number) => formatMsTick(v)}
              stroke="var(--fg-muted)"
              fontSize={11}
              width={64}
            />
            <AnnotationLayer shown={shown} zone={zone} />
            <Tooltip
              labelFormatter={(t) => <TooltipLabel t={Number(t)} zone={zone} shown={shown} />}
              formatter={(v) => formatMs(typeof v === 'number' ? v : null)}
              {...TOOLTIP_LOOK}
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
                dot={loneDots(points, l.key, l.color)}
                activeDot={{ r: 3 }}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
            {withPrevious && (
              <Line
                dataKey="previousP95"
                name="p95, period before"
                {...PREVIOUS_LINE}
                dot={false}
                activeDot={{ r: 2 }}
                connectNulls={false}
                isAnimationActive={false}
              />
            )}
            {zoom.area}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <AnnotationLegend shown={shown} zone={zone} />
    </div>
  );
}
