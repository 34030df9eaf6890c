/**
 * Replays a rule over a past range (the editor's preview): evaluated every `stepMs` through the
 * same reading and state machine as the evaluator, marking where it would have been pending and
 * where it would have fired.
 */
import type { Db } from '../db/client';
import { invalid } from '../http/errors';
import { observe, RuleUnitError } from './observe';
import type { NewRule } from './rules';
import { INACTIVE, step, type AlertState } from './state';

export type PreviewPoint = { at: number; value: number | null; state: AlertState };
/** `unit`: the rule's threshold unit, which the values are in; null: as the series report them. */
export type Preview = {
  points: PreviewPoint[];
  firings: { from: number; to: number | null }[];
  unit: NewRule['thresholdUnit'];
};

export async function previewRule(
  db: Db,
  projectId: string,
  rule: NewRule,
  range: { from: number; to: number },
  stepMs: number,
): Promise<Preview> {
  let state = INACTIVE;
  const points: PreviewPoint[] = [];
  const firings: Preview['firings'] = [];
  const input = {
    projectId,
    type: rule.type,
    metric: rule.metric,
    filters: rule.filters,
    statistic: rule.statistic,
    comparator: rule.comparator,
    threshold: rule.threshold,
    thresholdUnit: rule.thresholdUnit,
    windowSec: rule.windowSec,
    slo: rule.slo ?? null,
  };
  for (let at = range.from; at <= range.to; at += stepMs) {
    const reading = await observe(db, input, at).catch((err: unknown) => {
      if (err instanceof RuleUnitError) throw invalid(`thresholdUnit: ${err.message}`, { field: 'thresholdUnit' });
      throw err;
    });
    const { next, transition } = step(state, reading.observation, rule.forSec * 1000, rule.noData, at);
    state = next;
    if (transition === 'firing') firings.push({ from: at, to: null });
    if (transition === 'resolved') firings.at(-1)!.to = at;
    points.push({ at, value: reading.value, state: next.state });
  }
  return { points, firings, unit: rule.thresholdUnit };
}
