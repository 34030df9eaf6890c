import type { EndpointRow } from '@/lib/queries/endpoints';

export const SORT_COLUMNS = ['route', 'requests', 'rate', 'errorRate', 'p50', 'p95', 'p99', 'max'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type Sort = { column: SortColumn; direction: 'ascending' | 'descending' };

/** Rows in the chosen order; missing values last either way, ties by route. */
export function sortEndpoints(rows: readonly EndpointRow[], { column, direction }: Sort): EndpointRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const label = (r: EndpointRow) => `${r.route} ${r.method} ${r.service}`;
  return [...rows].sort((a, b) => {
    if (column === 'route') return sign * label(a).localeCompare(label(b));
    const x = a[column];
    const y = b[column];
    if (x === null || y === null) return x === y ? label(a).localeCompare(label(b)) : x === null ? 1 : -1;
    return sign * (x - y) || label(a).localeCompare(label(b));
  });
}

/**
 * The order a link asks for (`?sort=p95`): numbers from the highest, routes from A; anything
 * else: null (the table's default, most requests first).
 */
export function parseSort(value: string | null | undefined): Sort | null {
  if (!value || !(SORT_COLUMNS as readonly string[]).includes(value)) return null;
  const column = value as SortColumn;
  return { column, direction: column === 'route' ? 'ascending' : 'descending' };
}
