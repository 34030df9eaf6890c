'use client';

/**
 * The one annotation layer of every time chart (lib/annotations): inside the chart, a shaded band
 * over each span with a numbered line at its start (`AnnotationLayer`); below the chart, the same
 * numbers with what happened and when, each linking to its evidence (`AnnotationLegend`); in the
 * chart's tooltip, the marks covering the time pointed at (`TooltipLabel`). The band's colour is
 * its tone; the number and the words carry the meaning.
 */
import Link from 'next/link';
import { Fragment } from 'react';
import { ReferenceArea, ReferenceLine } from 'recharts';
import type { AnnotationTone } from '@/lib/annotations/types';
import { formatDateTime } from '@/lib/format/time';
import {
  annotationKindText,
  annotationsAt,
  annotationText,
  annotationWhen,
  type ShownAnnotation,
} from './annotation-spans';

const COLOR: Record<AnnotationTone, string> = {
  poor: 'var(--poor)',
  warn: 'var(--warn)',
  neutral: 'var(--fg-muted)',
  accent: 'var(--accent)',
  good: 'var(--good)',
};

const BADGE: Record<AnnotationTone, string> = {
  poor: 'bg-poor/10 text-poor',
  warn: 'bg-warn/10 text-warn',
  neutral: 'bg-surface-muted text-fg-muted',
  accent: 'bg-accent/10 text-accent',
  good: 'bg-good/10 text-good',
};

type BandShape = { x?: number; y?: number; width?: number; height?: number };

/**
 * Inside a Recharts chart: bands and lines. `yAxisId` names the chart's y axis when it has
 * several (the band spans the plot's height either way).
 */
export function AnnotationLayer({
  shown,
  zone,
  yAxisId,
}: {
  shown: readonly ShownAnnotation[];
  zone: string;
  yAxisId?: string | number;
}) {
  return (
    <>
      {shown.map((s) => {
        const color = COLOR[s.annotation.tone];
        const title = `${s.number}. ${annotationText(s.annotation, zone)}`;
        return (
          <Fragment key={s.annotation.id}>
            {s.x2 > s.x1 && (
              <ReferenceArea
                x1={s.x1}
                x2={s.x2}
                {...(yAxisId !== undefined ? { yAxisId } : {})}
                ifOverflow="hidden"
                fill={color}
                fillOpacity={0.14}
                stroke="none"
                className="chart-annotation"
                shape={(props: BandShape) => (
                  <g data-annotation={s.annotation.id}>
                    <title>{title}</title>
                    <rect
                      x={props.x}
                      y={props.y}
                      width={props.width}
                      height={props.height}
                      fill={color}
                      fillOpacity={0.14}
                    />
                  </g>
                )}
              />
            )}
            {s.startsInside && (
              <ReferenceLine
                x={s.x1}
                {...(yAxisId !== undefined ? { yAxisId } : {})}
                ifOverflow="hidden"
                className="chart-annotation-line"
                stroke={color}
                strokeWidth={1.5}
                strokeDasharray="4 3"
                label={{
                  value: String(s.number),
                  position: s.nearEnd ? 'insideTopRight' : 'insideTopLeft',
                  fill: color,
                  fontSize: 11,
                  fontWeight: 600,
                }}
              />
            )}
          </Fragment>
        );
      })}
    </>
  );
}

/** The tooltip's heading: the time pointed at, and the marks over it. */
export function TooltipLabel({ t, zone, shown }: { t: number; zone: string; shown: readonly ShownAnnotation[] }) {
  const over = annotationsAt(shown, t);
  return (
    <>
      {formatDateTime(t, zone)}
      {over.map((s) => (
        <span key={s.annotation.id} className="block text-xs" style={{ color: COLOR[s.annotation.tone] }}>
          {s.number}. {s.annotation.title} ({annotationKindText(s.annotation)})
        </span>
      ))}
    </>
  );
}

/** Below a chart: what its marks are, numbered as on the chart, each linking to its evidence. */
export function AnnotationLegend({ shown, zone }: { shown: readonly ShownAnnotation[]; zone: string }) {
  if (!shown.length) return null;
  return (
    <ol className="mt-2 space-y-1 text-xs text-fg-muted" aria-label="Marked on the chart" data-testid="annotations">
      {shown.map((s) => (
        <li key={s.annotation.id} className="flex min-w-0 flex-wrap items-baseline gap-x-2 gap-y-0.5">
          <span
            aria-hidden
            className={`inline-flex h-4 min-w-4 items-center justify-center rounded px-1 font-semibold ${BADGE[s.annotation.tone]}`}
          >
            {s.number}
          </span>
          <Link
            href={s.annotation.href}
            className="min-w-0 font-medium break-words text-fg underline-offset-2 hover:underline"
          >
            <span className="sr-only">{s.number}. </span>
            {s.annotation.title}
          </Link>
          <span>{annotationKindText(s.annotation)}</span>
          <span className="tabular-nums">{annotationWhen(s.annotation, zone)}</span>
        </li>
      ))}
    </ol>
  );
}
