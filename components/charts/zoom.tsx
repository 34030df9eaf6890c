'use client';

import { useRef, useState } from 'react';
import { ReferenceArea } from 'recharts';
import type { MouseHandlerDataParam } from 'recharts/types/synchronisation/types';

/** The steps a zoom must cover at least (a click is not a zoom). */
const MIN_STEPS = 2;

/**
 * Drag-to-zoom on a time chart: pressing on one step and letting go on another asks for the
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
  // From the press (its step, or the first one the pointer is seen over: the chart may not have
  // placed the pointer yet when the button goes down) to the step under the pointer now. Kept in
  // a ref: the chart calls its handlers a frame after the event, with the ones of an earlier
  // render, so state read there would be stale. The state only draws the shading.
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
  if (!onZoom || step <= 0) return { handlers: {}, area: null, hint: null };
  const handlers = {
    onMouseDown: (s: MouseHandlerDataParam) => {
      const t = at(s);
      put({ from: t, to: t });
    },
    onMouseMove: (s: MouseHandlerDataParam) => {
      const t = at(s);
      const current = dragRef.current;
      if (current && t !== null && t !== current.to) put({ from: current.from ?? t, to: t });
    },
    onMouseUp: (s: MouseHandlerDataParam) => {
      const current = dragRef.current;
      const end = at(s) ?? current?.to ?? null;
      if (current?.from != null && end !== null) {
        const from = Math.min(current.from, end);
        const to = Math.max(current.from, end) + step;
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
  return { handlers, area, hint: 'Drag across the chart to zoom in' };
}
