/**
 * The generic query routes' parameters (stats, timeseries, top, red): project, metric, range (ms
 * or ISO 8601; default the last hour, at most 400 days) and tag filters as `tag.<key>=<value>`.
 * The views' routes take their parameters from their definitions in lib/views.
 */
import { z } from 'zod';
import { metricName, tagKey, tagValue } from '../metrics';
import type { Filters, Range } from '../rollup';
import { HOUR_MS } from '../time';
import { rangeProblem, sharedFields } from '../views/period';

const MAX_STEPS = 1_000;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export const STAT_NAMES = ['count', 'rate', 'sum', 'avg', 'min', 'max', 'p50', 'p75', 'p90', 'p95', 'p99'] as const;
export type StatName = (typeof STAT_NAMES)[number];

/** A step such as 5m, 1h or 1d: whole minutes, at most 31 days. */
const step = z
  .string()
  .regex(/^[1-9][0-9]{0,4}[mhd]$/, 'step must be a whole number of minutes, hours or days, e.g. 5m, 1h, 1d')
  .transform((s) => Number(s.slice(0, -1)) * UNIT_MS[s.at(-1) as keyof typeof UNIT_MS])
  .refine((ms) => ms <= 31 * UNIT_MS.d, 'step must be at most 31 days');

/** A comma-separated subset of the statistics, e.g. p95,p99,count. */
const statList = z
  .string()
  .max(200, 'stats is too long')
  .transform((s, ctx) => {
    const names = [...new Set(s.split(','))];
    const unknown = names.find((n) => !(STAT_NAMES as readonly string[]).includes(n));
    if (unknown !== undefined) {
      ctx.addIssue({ code: 'custom', message: `stats may list only ${STAT_NAMES.join(', ')}` });
      return z.NEVER;
    }
    return names as StatName[];
  });

const base = {
  project: sharedFields.project.schema,
  metric: metricName,
  from: sharedFields.from.schema.optional(),
  to: sharedFields.to.schema.optional(),
};

function withFilters<T extends z.ZodRawShape>(shape: T) {
  return z
    .object(shape)
    .catchall(z.unknown())
    .transform((q, ctx) => {
      const filters: Filters = {};
      const rest: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(q)) {
        if (key in shape) {
          rest[key] = value;
          continue;
        }
        const tag = key.startsWith('tag.') ? key.slice(4) : null;
        if (tag === null || !tagKey.safeParse(tag).success) {
          ctx.addIssue({
            code: 'custom',
            path: [key.slice(0, 60)],
            message: 'unknown parameter; filter with tag.<key>=<value>',
          });
          return z.NEVER;
        }
        const parsed = tagValue.safeParse(value);
        if (!parsed.success) {
          ctx.addIssue({ code: 'custom', path: [key.slice(0, 60)], message: 'a tag filter needs one printable value' });
          return z.NEVER;
        }
        filters[tag] = parsed.data;
      }
      const to = (rest.to as number | undefined) ?? Date.now();
      const from = (rest.from as number | undefined) ?? to - HOUR_MS;
      const problem = rangeProblem(from, to);
      if (problem) {
        ctx.addIssue({ code: 'custom', path: ['from'], message: problem });
        return z.NEVER;
      }
      const range: Range = { from, to };
      if (typeof rest.step === 'number' && (to - from) / rest.step > MAX_STEPS) {
        ctx.addIssue({
          code: 'custom',
          path: ['step'],
          message: `the step cuts the range into more than ${MAX_STEPS} steps`,
        });
        return z.NEVER;
      }
      return { ...(rest as z.output<z.ZodObject<T>>), filters, range };
    });
}

export const statsQuery = withFilters(base);
export const redQuery = withFilters({
  project: base.project,
  from: base.from,
  to: base.to,
  apdexT: z.coerce.number().positive('apdexT must be a positive number of milliseconds').max(600_000).default(500),
});
export const timeseriesQuery = withFilters({
  ...base,
  points: z.coerce.number().int().min(10).max(MAX_STEPS).default(300),
  step: step.optional(),
  stats: statList.optional(),
});
export const topQuery = withFilters({
  ...base,
  by: tagKey,
  order: z.enum(['count', 'rate', 'avg', 'max', 'p50', 'p75', 'p90', 'p95', 'p99']).default('p95'),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
