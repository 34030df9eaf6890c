/**
 * How the browser reads a view's data: the query route's answer for the state's request, under
 * the view's key. The server's prefetch (lib/queries/views.ts) stores the same value under the
 * same key, so a page's first render and every later fetch agree.
 */
import { queryOptions } from '@tanstack/react-query';
import { api } from '../api-client';
import type { Fields, StateOf, View } from './define';

export async function fetchView<D, F extends Fields>(
  view: View<string, D, F, Fields>,
  projectId: string,
  state: StateOf<F>,
  now = Date.now(),
): Promise<D> {
  const body = await api<Record<string, D>>(view.request(projectId, state, now));
  return body[view.response]!;
}

/** The query a view's hook runs (times taken when it runs); disabled while a required field is missing. */
export function viewQuery<D, F extends Fields>(view: View<string, D, F, Fields>, projectId: string, state: StateOf<F>) {
  return queryOptions({
    queryKey: view.key(projectId, state),
    queryFn: () => fetchView(view, projectId, state),
    enabled: view.read(state) !== null,
  });
}
