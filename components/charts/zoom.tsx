'use client';

import { useRef, useState } from 'react';
import { ReferenceArea } from 'recharts';
import type { MouseHandlerDataParam } from 'recharts/types/synchronisation/types';

/** The steps a zoom must cover at least (a click is not a zoom). */
const MIN_STEPS = 2;

/**
 * Drag-to-zoom on a time chart: pressing and dragging from one step to another asks for the
 * period from the first's start to the last's end (`onZoom`, which sets the view's period in the
 * URL, so Back zooms out again). While dragging, the span is shaded. Without `onZoom` the chart
 * does nothing on drag. `points` are the chart's, a step apart.
 */
export function useDragZoom(
  points: readonly { t: number }[],
  onZoom?: (from: number, to: number) => void,
  /** The y axis the shading spans, on a chart with more than one. */
  yAxisId?: string,
) {
  // From the first step the pointer is seen over once the button is down (the chart may still
  // hold an earlier pointer position when the press arrives, so a click would zoom between
  // that and where it was clicked) to the step under it now; a press without a move is no
  // zoom. Kept in a ref: the chart calls its handlers a frame after the event, with the ones of
  // an earlier render, so state read there would be stale. The state only draws the shading.
  const dragRef = useRef<{ from: number | null; to: number | null } | null>(null);
  const [drag, setDrag] = useState<{ from: number | null; to: number | null } | null>(null);
  const step = points.length > 1 ? points[1]!.t - points[0]!.t : 0;
  const at = (s: MouseHandlerDataParam | undefined) => {
    const i = typeof s?.activeIndex === 'number' ? s.activeIndex : Number(s?.activeIndex);
    return Number.isInteger(i) ? (points[i]?.t ?? null) : null;
  };
  const put = (next: { from: number | null; to: number | null } | null) => {
    dragRef.current = next;
    setDrag(next);
  };
  if (!onZoom || step <= 0)
    return { handlers: {}, area: null, frame: (size: string) => ({ className: `${size} w-full` }) };
  const handlers = {
    onMouseDown: () => put({ from: null, to: null }),
    onMouseMove: (s: MouseHandlerDataParam) => {
      const t = at(s);
      const current = dragRef.current;
      if (current && t !== null && t !== current.to) put({ from: current.from ?? t, to: t });
    },
    onMouseUp: () => {
      const current = dragRef.current;
      if (current?.from != null && current.to != null) {
        const from = Math.min(current.from, current.to);
        const to = Math.max(current.from, current.to) + step;
        if (to - from >= MIN_STEPS * step) onZoom(from, to);
      }
      put(null);
    },
    onMouseLeave: () => put(null),
  };
  const area =
    drag?.from != null && drag.to != null && drag.from !== drag.to ? (
      <ReferenceArea
        yAxisId={yAxisId}
        x1={Math.min(drag.from, drag.to)}
        x2={Math.max(drag.from, drag.to) + step}
        fill="var(--accent)"
        fillOpacity={0.12}
        stroke="var(--accent)"
        strokeOpacity={0.4}
        ifOverflow="hidden"
      />
    ) : null;
  // The chart's box: its size, and when it zooms a crosshair, a tooltip saying so and a marker.
  const frame = (size: string) => ({
    className: `${size} w-full cursor-crosshair select-none`,
    title: 'Drag across the chart to zoom in',
    'data-zoom': '',
  });
  return { handlers, area, frame };
}
