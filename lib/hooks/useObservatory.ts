'use client';

import type { Observatory } from '@/lib/queries/observatory';
import { observatoryView, type StateOf } from '@/lib/views';
import { useViewData } from './useViewData';

export type { Observatory };

/** A project's overview over the view's period (times taken when the query runs). */
export function useObservatory(projectId: string, state: StateOf<typeof observatoryView.fields>) {
  return useViewData(observatoryView, projectId, state);
}
