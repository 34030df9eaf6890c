import type { EndpointRow } from '@/lib/queries/endpoints';
import { sortField, type Sort } from '@/lib/views/endpoints';

export { naturalDirection, SORT_COLUMNS, type Sort, type SortColumn } from '@/lib/views/endpoints';

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
 * The order a link asks for (`?sort=p95`: numbers from the highest, routes from A; `p95.asc` the
 * other way); anything else: null (the table's default, most requests first).
 */
export function parseSort(value: string | null | undefined): Sort | null {
  const parsed = sortField.schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The rows a search and the "with 5xx only" choice leave: the search matches the route, its
 * service or method, ignoring case; blank matches all.
 */
export function filterEndpoints(rows: readonly EndpointRow[], q: string | null, errorsOnly: boolean): EndpointRow[] {
  const needle = q?.trim().toLowerCase() ?? '';
  return rows.filter(
    (r) =>
      (!errorsOnly || r.errors > 0) &&
      (needle === '' || `${r.method} ${r.route} ${r.service}`.toLowerCase().includes(needle)),
  );
}
