'use client';

import { useQuery } from '@tanstack/react-query';
import { viewQuery, type Fields, type StateOf, type View } from '@/lib/views';

/**
 * A view's data for its state. While a changed state loads, the data of the previous state stays
 * on screen (`isPlaceholderData`), unless the project changed: another project's numbers under
 * this one's name would mislead.
 */
export function useViewData<D, F extends Fields>(
  view: View<string, D, F, Fields>,
  projectId: string,
  state: StateOf<F>,
) {
  return useQuery({
    ...viewQuery(view, projectId, state),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === projectId ? previous : undefined),
  });
}
