/**
 * The state every dashboard view keeps in its URL: the period (1h, 24h, 7d, 30d or a custom
 * from/to), whether to compare with the period before, and the project. Parsing never throws:
 * a value that does not fit falls back to its default, so a hand-edited or stale link still
 * opens the view. Relative periods stay relative in the URL and in query keys; they become
 * times only when a query runs (`resolveRange`), so a link opened tomorrow shows tomorrow.
 */
import { z } from 'zod';

export const PERIODS = ['1h', '24h', '7d', '30d'] as const;
export type RelativePeriod = (typeof PERIODS)[number];
export type Period = RelativePeriod | 'custom';

export const PERIOD_MS: Record<RelativePeriod, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

export const PERIOD_LABELS: Record<Period, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'Custom',
};

export const DEFAULT_PERIOD: RelativePeriod = '24h';
/** The longest custom range (the query API takes at most 400 days). */
export const MAX_CUSTOM_MS = 400 * 86_400_000;
/** 2100-01-01: later times are typing mistakes. */
const LATEST_MS = 4_102_444_800_000;

export type ViewState = {
  period: Period;
  /** Set only for the custom period: milliseconds, from < to. */
  from: number | null;
  to: number | null;
  compare: boolean;
  /** A project's slug or id; null: the view picks its default. */
  project: string | null;
};

export const DEFAULT_VIEW: ViewState = { period: DEFAULT_PERIOD, from: null, to: null, compare: false, project: null };

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined> | null | undefined;

/** The first value of a parameter, whatever shape the search params come in. */
export function firstParam(params: SearchParamsLike, name: string): string | undefined {
  if (!params) return undefined;
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
  return Array.isArray(value) ? value[0] : value;
}

const time = z.union([
  z
    .string()
    .regex(/^[0-9]{1,13}$/)
    .transform(Number),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);
const projectRef = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

function parseTime(value: string | undefined): number | null {
  if (value === undefined || value.length > 40) return null;
  const parsed = time.safeParse(value);
  return parsed.success && parsed.data >= 0 && parsed.data <= LATEST_MS ? parsed.data : null;
}

export function parseViewState(params: SearchParamsLike): ViewState {
  const rawPeriod = firstParam(params, 'period');
  const project = projectRef.safeParse(firstParam(params, 'project'));
  const compare = firstParam(params, 'compare');
  const state: ViewState = {
    ...DEFAULT_VIEW,
    compare: compare === '1' || compare === 'true',
    project: project.success ? project.data : null,
  };
  if ((PERIODS as readonly string[]).includes(rawPeriod ?? ''))
    return { ...state, period: rawPeriod as RelativePeriod };
  if (rawPeriod === 'custom') {
    const from = parseTime(firstParam(params, 'from'));
    const to = parseTime(firstParam(params, 'to'));
    if (from !== null && to !== null && from < to && to - from <= MAX_CUSTOM_MS) {
      return { ...state, period: 'custom', from, to };
    }
  }
  return state;
}

/** The search params for a state, defaults left out; `extra` keeps a view's own params. */
export function serializeViewState(state: ViewState, extra: Record<string, string | null | undefined> = {}): string {
  const out = new URLSearchParams();
  if (state.project) out.set('project', state.project);
  if (state.period !== DEFAULT_PERIOD) out.set('period', state.period);
  if (state.period === 'custom' && state.from !== null && state.to !== null) {
    out.set('from', new Date(state.from).toISOString());
    out.set('to', new Date(state.to).toISOString());
  }
  if (state.compare) out.set('compare', '1');
  for (const [key, value] of Object.entries(extra)) if (value) out.set(key, value);
  return out.toString();
}

export type TimeRange = { from: number; to: number };

/**
 * The times a state stands for at `now`. A relative period ends at the next whole minute, so
 * every query of one minute reads the same range (and shows the same numbers).
 */
export function resolveRange(state: Pick<ViewState, 'period' | 'from' | 'to'>, now = Date.now()): TimeRange {
  if (state.period === 'custom' && state.from !== null && state.to !== null) return { from: state.from, to: state.to };
  const period = state.period === 'custom' ? DEFAULT_PERIOD : state.period;
  const to = Math.ceil(now / 60_000) * 60_000;
  return { from: to - PERIOD_MS[period], to };
}

/** The period of the same length just before a range. */
export function previousRange(range: TimeRange): TimeRange {
  return { from: range.from - (range.to - range.from), to: range.from };
}

/** The part of a state that decides what a query reads (the key of its cached answer). */
export function periodKey(state: ViewState): string {
  return state.period === 'custom' ? `${state.from}-${state.to}` : state.period;
}

/**
 * A view's own text param (a filter such as service or method): printable, at most 200
 * characters, else absent. Control and bidirectional-override characters are refused.
 */
export function textParam(params: SearchParamsLike, name: string): string | null {
  const value = firstParam(params, name);
  if (value === undefined || value.length === 0 || value.length > 200) return null;
  return /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(value) ? null : value;
}
