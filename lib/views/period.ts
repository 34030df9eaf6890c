/**
 * The state every dashboard view shares in its URL: the period (1h, 24h, 7d, 30d or a custom
 * from/to), whether to compare with the period before, and the project. Parsing never throws: a
 * value that does not fit falls back to its default. Relative periods stay relative in the URL
 * and in query keys; they become times only when a query runs (`resolveRange`), so a link opened
 * tomorrow shows tomorrow. The query routes take the same fields strictly, as resolved times.
 */
import type { z } from 'zod';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time';
import { firstParam, flag, lenient, project, time, type SearchParamsLike } from './fields';

export const PERIODS = ['1h', '24h', '7d', '30d'] as const;
export type RelativePeriod = (typeof PERIODS)[number];
export type Period = RelativePeriod | 'custom';

export const PERIOD_MS: Record<RelativePeriod, number> = {
  '1h': HOUR_MS,
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
};

export const PERIOD_LABELS: Record<Period, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'Custom',
};

export const DEFAULT_PERIOD: RelativePeriod = '24h';
/** The longest range a view or the query API reads. */
export const MAX_RANGE_DAYS = 400;
export const MAX_RANGE_MS = MAX_RANGE_DAYS * DAY_MS;

/** The shared fields, as the query routes read them. */
export const sharedFields = { project, from: time('from'), to: time('to'), compare: flag('compare') };

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

/** The shared part of a view's state, to carry it to another view's link. */
export function sharedOf({ period, from, to, compare, project }: ViewState): ViewState {
  return { period, from, to, compare, project };
}

/** What is wrong with a range, or null: from before to, at most 400 days. */
export function rangeProblem(from: number, to: number): string | null {
  if (from >= to) return 'from must be before to';
  if (to - from > MAX_RANGE_MS) return `the range can span at most ${MAX_RANGE_DAYS} days`;
  return null;
}

/**
 * What every strict query route does after its fields parse: refuse a parameter `shape` does not
 * name (422 naming it, shortened so a hostile name is never echoed whole), and turn from/to
 * (default: the hour before now) into a range within the limit. The other parameters pass
 * through; on a problem the issue is added and null returned (answer z.NEVER).
 */
export function strictRange<Q extends { from?: number; to?: number }>(
  q: Q,
  shape: object,
  ctx: z.RefinementCtx,
): (Omit<Q, 'from' | 'to'> & { range: TimeRange }) | null {
  const unknown = Object.keys(q).find((key) => !(key in shape));
  if (unknown !== undefined) {
    ctx.addIssue({ code: 'custom', path: [unknown.slice(0, 60)], message: 'unknown parameter' });
    return null;
  }
  const { from: rawFrom, to: rawTo, ...rest } = q;
  const to = rawTo ?? Date.now();
  const from = rawFrom ?? to - HOUR_MS;
  const problem = rangeProblem(from, to);
  if (problem) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: problem });
    return null;
  }
  return { ...rest, range: { from, to } };
}

export function parseViewState(params: SearchParamsLike): ViewState {
  const state: ViewState = {
    ...DEFAULT_VIEW,
    compare: lenient(sharedFields.compare, params, 'compare'),
    project: lenient(sharedFields.project, params, 'project'),
  };
  const period = firstParam(params, 'period');
  if ((PERIODS as readonly string[]).includes(period ?? '')) return { ...state, period: period as RelativePeriod };
  if (period === 'custom') {
    const from = lenient(sharedFields.from, params, 'from');
    const to = lenient(sharedFields.to, params, 'to');
    if (from !== null && to !== null && rangeProblem(from, to) === null)
      return { ...state, period: 'custom', from, to };
  }
  return state;
}

/** URL parameters for a change of the shared state (null removes one; defaults are removed). */
export function writeViewState(changes: Partial<ViewState>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if ('project' in changes) out.project = changes.project ?? null;
  if (changes.period !== undefined) {
    const custom = changes.period === 'custom' && changes.from != null && changes.to != null;
    out.period = custom
      ? 'custom'
      : changes.period === DEFAULT_PERIOD || changes.period === 'custom'
        ? null
        : changes.period;
    out.from = custom ? sharedFields.from.write(changes.from!) : null;
    out.to = custom ? sharedFields.to.write(changes.to!) : null;
  }
  if (changes.compare !== undefined) out.compare = changes.compare ? '1' : null;
  return out;
}

/** The search params for a state, defaults left out; `extra` keeps a view's own params. */
export function serializeViewState(state: ViewState, extra: Record<string, string | null | undefined> = {}): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...writeViewState(state), ...extra })) if (value) out.set(key, value);
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
  const to = Math.ceil(now / MINUTE_MS) * MINUTE_MS;
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

/** A URL state: read from search params, written as parameter changes. Views and the shared piece are ones. */
export type UrlState<S> = {
  parse(params: SearchParamsLike): S;
  write(changes: Partial<S>): Record<string, string | null>;
};

/** The shared piece alone, for the controls every view has. */
export const sharedState: UrlState<ViewState> = { parse: parseViewState, write: writeViewState };
