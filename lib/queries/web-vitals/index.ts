/** The Web Vitals view's read (read.ts), its answer's types, and the arithmetic it exposes. */
export { getWebVitals, VITAL_CHART_POINTS, WORST_PAGES } from './read';
export { INP_PHASE_SAMPLES, median } from './attribution';
export type {
  VitalAttribution,
  VitalBreakdownRow,
  VitalFilters,
  VitalPoint,
  VitalShares,
  VitalSummary,
  VitalValue,
  WebVitals,
  WorstPage,
} from './types';
