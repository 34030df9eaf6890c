import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Refetches a query after a change. invalidateQueries alone joins a first fetch still in
 * flight (TanStack Query only cancels a refetch of data it already has), and that fetch may
 * have read the database before the change: the list would show the old rows until the next
 * refetch. Cancelling first makes the refetch start after the change.
 */
export async function refresh(queryClient: QueryClient, queryKey: QueryKey): Promise<void> {
  await queryClient.cancelQueries({ queryKey });
  await queryClient.invalidateQueries({ queryKey });
}
