/** The stored model's tables as ingestion writes them in bulk (lib/db/bulk.ts) and compaction rewrites them. */
import type { Column } from '../db/bulk';

export const POINT_COLUMNS: readonly Column[] = [
  { name: 'seriesId', pgType: 'int4' },
  { name: 'ts', pgType: 'int8' },
  { name: 'value', pgType: 'float8' },
];

export const ROLLUP_TYPED_COLUMNS: readonly Column[] = [
  { name: 'seriesId', pgType: 'int4' },
  { name: 'resolution', pgType: 'int4' },
  { name: 'bucket', pgType: 'int8' },
  { name: 'count', pgType: 'float8' },
  { name: 'sum', pgType: 'float8' },
  { name: 'min', pgType: 'float8' },
  { name: 'max', pgType: 'float8' },
  { name: 'last', pgType: 'float8' },
  { name: 'lastTs', pgType: 'int8' },
  { name: 'sketch', pgType: 'bytea' },
];

export const ROLLUP_COLUMNS = ROLLUP_TYPED_COLUMNS.map((c) => c.name);
