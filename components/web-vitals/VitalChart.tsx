'use client';

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { annotationsSummary, visibleAnnotations } from '@/components/charts/annotation-spans';
import { chartDomain, loneDots, PREVIOUS_LINE, timeAxis, TOOLTIP_LOOK, valueAxis } from '@/components/charts/axes';
import { useDragZoom } from '@/components/charts/zoom';
import { AnnotationLayer, AnnotationLegend, TooltipLabel } from '@/components/charts/ChartAnnotations';
import type { Annotation } from '@/lib/annotations/types';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import type { WebVital } from '@/lib/metrics';
import type { VitalPoint } from '@/lib/queries/web-vitals';
import { formatVital } from '@/lib/format/vitals';

const NONE: readonly Annotation[] = [];

/**
 * One vital's percentile over time, with the good and poor thresholds as labelled reference
 * lines (dashed differently, so they read without colour), annotations (alerts firing) and,
 * when comparing, the period before as a grey dotted line.
 */
export function VitalChart({
  vital,
  points,
  good,
  poor,
  percentile,
  label,
  annotations = NONE,
  onZoom,
}: {
  vital: WebVital;
  points: readonly VitalPoint[];
  good: number;
  poor: number;
  percentile: string;
  label: string;
  annotations?: readonly Annotation[];
  /** Drag across the chart to ask for that period (./zoom.tsx). */
  onZoom?: (from: number, to: number) => void;
}) {
  const zone = useTimeZone();
  const zoom = useDragZoom(points, onZoom);
  const shown = visibleAnnotations(annotations, chartDomain(points));
  const highest = Math.max(0, ...points.map((p) => Math.max(p[vital] ?? 0, p.previous?.[vital] ?? 0)));
  const withPrevious = points.some((p) => p.previous?.[vital] != null);
  return (
    <div>
      <div role="img" aria-label={`${label}${annotationsSummary(shown)}`} {...zoom.frame('h-48')} data-chart={vital}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart {...zoom.handlers} data={points as VitalPoint[]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis {...timeAxis(points, zone)} />
            <YAxis
              tickFormatter={(v: number) => (v === 0 ? '0' : formatVital(vital, v))}
              stroke="var(--fg-muted)"
              fontSize={11}
              width={64}
              {...valueAxis(Math.max(highest, poor) * 1.05)}
            />
            <AnnotationLayer shown={shown} zone={zone} />
            <Tooltip
              labelFormatter={(t) => <TooltipLabel t={Number(t)} zone={zone} shown={shown} />}
              formatter={(v, name) => [formatVital(vital, typeof v === 'number' ? v : null), name]}
              {...TOOLTIP_LOOK}
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
              dot={loneDots(points, vital, 'var(--accent)')}
              connectNulls={false}
              isAnimationActive={false}
            />
            {withPrevious && (
              <Line
                dataKey={(p: VitalPoint) => p.previous?.[vital] ?? null}
                name={`${vital} ${percentile}, period before`}
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
