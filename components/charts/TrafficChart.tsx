'use client';

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Annotation } from '@/lib/annotations/types';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatCount, formatRate } from '@/lib/format/numbers';
import { annotationsSummary, visibleAnnotations } from './annotation-spans';
import { chartDomain, hasValues, highest, loneDots, PREVIOUS_LINE, timeAxis, TOOLTIP_LOOK, valueAxis } from './axes';
import { AnnotationLayer, AnnotationLegend, TooltipLabel } from './ChartAnnotations';
import { useDragZoom } from './zoom';

/** `previousRate`: the same step of the period before, drawn as a grey dotted line when present. */
export type TrafficChartPoint = { t: number; rate: number; errors: number; previousRate?: number | null };

const NONE: readonly Annotation[] = [];

/**
 * Throughput (a line, requests per second, left axis) and 5xx errors (bars, per step, right
 * axis): told apart by shape as well as colour, and named in the legend. Annotations (alerts
 * firing) are marked over both; when comparing, the period before's rate is a grey dotted line.
 */
export function TrafficChart({
  points,
  label,
  annotations = NONE,
  onZoom,
}: {
  points: readonly TrafficChartPoint[];
  label: string;
  annotations?: readonly Annotation[];
  /** Drag across the chart to ask for that period (./zoom.tsx). */
  onZoom?: (from: number, to: number) => void;
}) {
  const zone = useTimeZone();
  const zoom = useDragZoom(points, onZoom, 'rate');
  const shown = visibleAnnotations(annotations, chartDomain(points));
  const withPrevious = hasValues(points, 'previousRate');
  return (
    <div>
      <div role="img" aria-label={`${label}${annotationsSummary(shown)}`} {...zoom.frame('h-64')}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            {...zoom.handlers}
            data={points as TrafficChartPoint[]}
            margin={{ top: 8, right: 0, bottom: 0, left: 0 }}
          >
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis {...timeAxis(points, zone)} />
            <YAxis
              yAxisId="rate"
              {...valueAxis(highest(points, ['rate', 'previousRate']))}
              tickFormatter={(v: number) => formatRate(v)}
              stroke="var(--fg-muted)"
              fontSize={11}
              width={48}
            />
            <YAxis
              yAxisId="errors"
              orientation="right"
              {...valueAxis(highest(points, ['errors']), { counts: true })}
              tickFormatter={(v: number) => formatCount(v)}
              stroke="var(--fg-muted)"
              fontSize={11}
              width={40}
            />
            <AnnotationLayer shown={shown} zone={zone} yAxisId="rate" />
            <Tooltip
              labelFormatter={(t) => <TooltipLabel t={Number(t)} zone={zone} shown={shown} />}
              formatter={(v, name) =>
                typeof v !== 'number' ? '–' : name === '5xx errors' ? formatCount(v) : `${formatRate(v)} req/s`
              }
              {...TOOLTIP_LOOK}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar yAxisId="errors" dataKey="errors" name="5xx errors" fill="var(--poor)" isAnimationActive={false} />
            <Line
              yAxisId="rate"
              dataKey="rate"
              name="Requests/s"
              stroke="var(--accent)"
              strokeWidth={1.75}
              dot={loneDots(points, 'rate', 'var(--accent)')}
              isAnimationActive={false}
            />
            {withPrevious && (
              <Line
                yAxisId="rate"
                dataKey="previousRate"
                name="Requests/s, period before"
                {...PREVIOUS_LINE}
                dot={false}
                activeDot={{ r: 2 }}
                isAnimationActive={false}
              />
            )}
            {zoom.area}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <AnnotationLegend shown={shown} zone={zone} />
    </div>
  );
}
