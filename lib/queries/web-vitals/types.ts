/** What the Web Vitals view's read answers (read.ts), shared by its parts and the browser. */
import type { VitalPercentile, VitalRating, WebVital } from '../../metrics';
import type { Range } from '../../rollup';
import type { Histogram } from '../histogram';

export type VitalShares = { good: number; needsImprovement: number; poor: number };

export type VitalValue = {
  /** Values in the range. */
  count: number;
  /** The chosen percentile; null without values. */
  value: number | null;
  rating: VitalRating | null;
};

export type VitalSummary = VitalValue & {
  vital: WebVital;
  unit: 'ms' | null;
  good: number;
  poor: number;
  /** Shares of values rated good (≤ good), needs improvement and poor (> poor); null without values. */
  shares: VitalShares | null;
  /** The same percentile over the period before; null when not comparing. */
  previous: VitalValue | null;
};

export type VitalBreakdownRow = {
  /** A page route template or a device class. */
  key: string;
  /** Page loads: the most values any vital has (not every load reports INP). */
  samples: number;
  /** 0-100 from the vitals' percentiles with Sentry's weights; null without values. */
  score: number | null;
  vitals: Record<WebVital, VitalValue>;
};

export type VitalAttribution = {
  vital: WebVital;
  /** Samples not rated good with attribution in the range. */
  samples: number;
  /** The most frequent element (LCP element, INP target, the largest layout shift's source). */
  target: { value: string; count: number } | null;
  /** LCP: the most frequent resource URL. */
  url: { value: string; count: number } | null;
  /** INP: the most frequent interaction type of the top target, and its phases' medians in ms. */
  interaction: string | null;
  phases: { inputDelay: number | null; processing: number | null; presentation: number | null } | null;
};

export type WorstPage = VitalBreakdownRow & { attribution: VitalAttribution[] };

/** `previous`: each vital in the same step of the period before (previousGrid); null when not comparing. */
export type VitalPoint = { t: number } & Record<WebVital, number | null> & {
    previous: Record<WebVital, number | null> | null;
  };

export type WebVitals = {
  range: Range;
  previousRange: Range | null;
  percentile: VitalPercentile;
  /** Every route and device with vitals (unfiltered), for filter choices. */
  routes: string[];
  devices: string[];
  vitals: VitalSummary[];
  /** Score of the whole selection (0-100), null without values. */
  score: number | null;
  step: number;
  points: VitalPoint[];
  /** Worst score first, then most samples. */
  byRoute: VitalBreakdownRow[];
  /** In DEVICES order. */
  byDevice: VitalBreakdownRow[];
  histograms: Record<WebVital, Histogram>;
  worstPages: WorstPage[];
};

export type VitalFilters = { route?: string; device?: string };
