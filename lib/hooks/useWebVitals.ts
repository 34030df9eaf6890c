'use client';

import type { WebVitals } from '@/lib/queries/web-vitals';
import { webVitalsView, type StateOf } from '@/lib/views';
import { useViewData } from './useViewData';

export type { WebVitals };

/** A project's Core Web Vitals over the view's period at its percentile, with its filters. */
export function useWebVitals(projectId: string, state: StateOf<typeof webVitalsView.fields>) {
  return useViewData(webVitalsView, projectId, state);
}
