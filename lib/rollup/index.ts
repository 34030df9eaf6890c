/**
 * The stored model: series and their identity, raw points, rollup rows with DDSketches, and the
 * jobs that keep them (folding, compaction, retention). Ingestion writes through it (lib/ingest);
 * queries read through it (lib/queries); it imports neither.
 */
export { MINUTE_MS, HOUR_MS, DAY_MS } from '../time';
export { LATENESS_MS, builtHoursEnd } from './time';
export {
  RELATIVE_ACCURACY,
  binBound,
  encodeSketch,
  keyOf,
  mergeSketches,
  newSketch,
  quantile,
  valueOf as valueOfKey,
  type Sketch,
} from './sketch';
export {
  METRIC_KINDS,
  MINUTE,
  foldRows,
  rollUpSeries,
  rollupValues,
  type MetricKind,
  type MetricPoint,
  type RollupRow,
  type StoredRollup,
} from './rows';
export { POINT_COLUMNS, ROLLUP_COLUMNS, ROLLUP_TYPED_COLUMNS } from './columns';
export {
  DEFAULT_SERIES_LIMIT,
  OVERFLOW_DIMS,
  TOTAL_DIMS,
  canonicalDims,
  findSeries,
  seriesKey,
  seriesSet,
  tagsAsSent,
  type Filters,
  type Range,
  type SeriesRef,
  type SeriesSet,
} from './series';
export {
  appendPoints,
  SeriesRegistry,
  type PointGroup,
  type SeriesEntry,
  type SeriesIdentity,
  type SeriesSpec,
} from './registry';
export { SERVICE_REFRESH_MS, ServiceRecorder, serviceOf, type ServiceEntry } from './services';
export { plan, rollupsFor, watermarks, type Built, type RollupSlice, type Segment } from './read';
export {
  FOLD_ROWS_PER_RUN,
  LATE_ROWS_PER_RUN,
  LEVELS,
  SLICE_ROWS,
  compactLevel,
  foldOpenMinutes,
  mergeRows,
  type FoldResult,
  type Level,
  type LevelResult,
} from './compact';
export { DEFAULT_RAW_DAYS, compact, type CompactOptions, type CompactionReport } from './compaction';
export { BACKLOG_POINTS_PER_RUN, DIRTY_GROUPS_PER_RUN, foldBacklog, hoursBuiltUntil, rebuildDirty } from './backlog';
export { HistoryWriter, type HistoryStats } from './history';
export { applyRetention, cutoffs, type Retention, type RetentionReport } from './retention';
