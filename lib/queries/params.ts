/**
 * The dashboard's query parameters, shared by every /api/v1/query route: project, metric,
 * range (ms or ISO 8601; default the last hour, at most 400 days) and tag filters as
 * `tag.<key>=<value>`.
 */
import { z } from 'zod';
import { metricName, tagKey, tagValue } from '../ingest/schema';
import type { Filters, Range } from './series';

const MAX_RANGE_MS = 400 * 24 * 3_600_000;

const time = z.union([
  z.coerce.number().int().min(0).max(4_102_444_800_000),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);

const base = {
  project: z.string().trim().min(1, 'project must not be empty').max(100, 'project is too long'),
  metric: metricName,
  from: time.optional(),
  to: time.optional(),
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
      const from = (rest.from as number | undefined) ?? to - 3_600_000;
      if (from >= to) {
        ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must be before to' });
        return z.NEVER;
      }
      if (to - from > MAX_RANGE_MS) {
        ctx.addIssue({ code: 'custom', path: ['from'], message: 'the range can span at most 400 days' });
        return z.NEVER;
      }
      const range: Range = { from, to };
      return { ...(rest as z.output<z.ZodObject<T>>), filters, range };
    });
}

export const statsQuery = withFilters(base);
export const timeseriesQuery = withFilters({
  ...base,
  points: z.coerce.number().int().min(10).max(1_000).default(300),
});
export const topQuery = withFilters({
  ...base,
  by: tagKey,
  order: z.enum(['count', 'rate', 'avg', 'max', 'p50', 'p75', 'p90', 'p95', 'p99']).default('p95'),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
