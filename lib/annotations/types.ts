/**
 * Annotations: things that happened to a project over a span of time, drawn on every time chart
 * of the dashboard as a shaded band with a line at its start, and listed under the chart in
 * words. Each kind has one source on the server (lib/annotations/index.ts); the charts draw them
 * all alike. Types only: safe in the browser.
 */

/** What an annotation marks. Alerts and deploys now; scaling events and incidents are to come. */
export type AnnotationKind = 'alert' | 'deploy' | 'scaling' | 'incident';

/** Its colour (the dashboard's tones); the words carry the meaning, colour only repeats it. */
export type AnnotationTone = 'poor' | 'warn' | 'neutral' | 'accent' | 'good';

export type Annotation = {
  /** Unique among all kinds, stable across reads (e.g. `alert:<event id>`). */
  id: string;
  kind: AnnotationKind;
  /** What it is, e.g. the alert rule's name. */
  title: string;
  /** How serious, in a word: an alert's severity (critical, high, medium, low), "info" otherwise. */
  severity: string;
  tone: AnnotationTone;
  /** The span clipped to the range asked for (ms); `to` is null while it is still going on. */
  from: number;
  to: number | null;
  /** The span as it happened, which may reach beyond the range. */
  startedAt: number;
  endedAt: number | null;
  /** Where its evidence is, e.g. the Alerts page at the rule. */
  href: string;
};

/** What the query route answers. */
export type Annotations = {
  range: { from: number; to: number };
  annotations: Annotation[];
  /** More annotations overlap the range than the answer holds: the latest are kept. */
  truncated: boolean;
};
