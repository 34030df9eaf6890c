/**
 * Which annotations a chart shows and where: each span clipped to the chart's x domain, dropped
 * when it lies outside, numbered in time order (the number labels its line on the chart and its
 * entry in the list below, so the two are matched without colour), and described in words.
 */
import type { Annotation, AnnotationKind } from '@/lib/annotations/types';
import { formatDateTime, formatRange } from '@/lib/format/time';

export type ShownAnnotation = {
  annotation: Annotation;
  /** 1, 2, … in time order. */
  number: number;
  /** The band's ends within the domain (x1 = x2: an instant). */
  x1: number;
  x2: number;
  /** Whether it begins inside the domain (else its line would sit on the axis's edge). */
  startsInside: boolean;
  /** It begins in the last part of the domain: its line's label goes to the line's left, inside the chart. */
  nearEnd: boolean;
};

const KIND_WORDS: Record<AnnotationKind, string> = {
  alert: 'alert',
  deploy: 'deploy',
  scaling: 'scaling event',
  incident: 'incident',
};

export function visibleAnnotations(
  annotations: readonly Annotation[],
  domain: { from: number; to: number } | null,
): ShownAnnotation[] {
  if (!domain || !(domain.to > domain.from)) return [];
  return annotations
    .filter((a) => a.from <= domain.to && (a.to ?? Infinity) >= domain.from)
    .sort((a, b) => a.from - b.from || a.id.localeCompare(b.id))
    .map((annotation, i) => ({
      annotation,
      number: i + 1,
      x1: Math.max(annotation.from, domain.from),
      x2: Math.min(annotation.to ?? domain.to, domain.to),
      startsInside: annotation.startedAt >= domain.from,
      nearEnd: Math.max(annotation.from, domain.from) > domain.from + 0.9 * (domain.to - domain.from),
    }));
}

/** "critical alert" */
export function annotationKindText(a: Annotation): string {
  return a.severity && a.severity !== 'info' ? `${a.severity} ${KIND_WORDS[a.kind]}` : KIND_WORDS[a.kind];
}

/**
 * When, as it happened: "7 Dec, 14:05 – 14:35 UTC", "7 Dec, 14:05 UTC – now" while it goes on,
 * or "7 Dec, 14:05 UTC" for an instant (a deploy).
 */
export function annotationWhen(a: Annotation, zone: string): string {
  if (a.endedAt === a.startedAt) return formatDateTime(a.startedAt, zone);
  return formatRange({ from: a.startedAt, to: a.endedAt }, zone);
}

/** "Checkout errors, critical alert, 7 Dec, 14:05 – 14:35 UTC" */
export function annotationText(a: Annotation, zone: string): string {
  return `${a.title}, ${annotationKindText(a)}, ${annotationWhen(a, zone)}`;
}

/** The annotations whose band covers time `t`. */
export function annotationsAt(shown: readonly ShownAnnotation[], t: number): ShownAnnotation[] {
  return shown.filter((s) => s.x1 <= t && t <= s.x2);
}

/** What a chart's accessible name adds: how many marks, and that they are listed below it. */
export function annotationsSummary(shown: readonly ShownAnnotation[]): string {
  if (!shown.length) return '';
  const kinds = new Set(shown.map((s) => s.annotation.kind));
  const noun = kinds.size === 1 && kinds.has('alert') ? 'alert' : 'event';
  return `; ${shown.length} ${noun}${shown.length === 1 ? '' : 's'} marked, listed below the chart`;
}
