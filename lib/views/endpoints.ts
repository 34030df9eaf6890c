/**
 * The Endpoints view: filters by service and method (sent to the query route), and the table's
 * search, "with 5xx only" and order, kept in the URL only (`sort=p95`: a column in its natural direction, numbers from the
 * highest and routes from A; `sort=p95.asc` the other way).
 */
import { z } from 'zod';
import type { Endpoints } from '../queries/endpoints';
import { flag, text, type Field } from './fields';
import { defineView } from './define';

export const SORT_COLUMNS = ['route', 'time', 'requests', 'rate', 'errorRate', 'p50', 'p95', 'p99', 'max'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type Sort = { column: SortColumn; direction: 'ascending' | 'descending' };

export const DEFAULT_SORT: Sort = { column: 'time', direction: 'descending' };

export const naturalDirection = (column: SortColumn): Sort['direction'] =>
  column === 'route' ? 'ascending' : 'descending';
const SORT_PATTERN = new RegExp(`^(${SORT_COLUMNS.join('|')})(?:\\.(asc|desc))?$`);

export const sortField: Field<Sort, Sort, false> = {
  schema: z
    .string({ error: 'sort must be given once' })
    .regex(SORT_PATTERN, `sort must be one of ${SORT_COLUMNS.join(', ')}, optionally with .asc or .desc`)
    .transform((value): Sort => {
      const [column, direction] = value.split('.') as [SortColumn, 'asc' | 'desc' | undefined];
      return {
        column,
        direction:
          direction === undefined ? naturalDirection(column) : direction === 'asc' ? 'ascending' : 'descending',
      };
    }),
  fallback: DEFAULT_SORT,
  required: false,
  write: ({ column, direction }) =>
    direction === naturalDirection(column) ? column : `${column}.${direction === 'ascending' ? 'asc' : 'desc'}`,
};

export const endpointsView = defineView<Endpoints>()({
  name: 'endpoints',
  path: '/api/v1/query/endpoints',
  response: 'endpoints',
  fields: { service: text('service'), method: text('method') },
  // The table's own: a route search and "only routes with 5xx", applied in the browser.
  pageFields: { sort: sortField, q: text('q'), errors: flag('errors') },
  resetOnProjectChange: ['service', 'method'],
});
