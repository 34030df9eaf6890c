/**
 * What the recommendations routes take: the list's filters (each repeatable) and pages, and a
 * change of status. Messages name the parameter and what is allowed.
 */
import { z } from 'zod';
import { strict } from '../zod';
import { CATEGORIES, PRIORITIES } from './detectors';

export const STATUS_VALUES = ['open', 'in_progress', 'fixed', 'dismissed', 'snoozed'] as const;

/** Snoozes last at most this long. */
export const MAX_SNOOZE_DAYS = 365;

function repeatable<T extends readonly [string, ...string[]]>(name: string, values: T) {
  const message = `${name} must be one of ${values.join(', ')} (repeat it for several)`;
  const one = z.enum(values, { error: message });
  return z
    .union([one, z.array(one).max(values.length * 2, `${name} is repeated too often`)], { error: message })
    .transform((v) => (Array.isArray(v) ? [...new Set(v)] : [v]))
    .optional();
}

const wholeNumber = (name: string, max: number) =>
  z
    .string({ error: `${name} must be given once, as a whole number` })
    .regex(/^[0-9]{1,6}$/, `${name} must be a whole number from 1 to ${max}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `${name} must be a whole number from 1 to ${max}`);

export const recommendationsQuery = strict('query', {
  status: repeatable('status', STATUS_VALUES),
  category: repeatable('category', CATEGORIES),
  priority: repeatable('priority', PRIORITIES),
  page: wholeNumber('page', 100_000).default(1),
  pageSize: wholeNumber('pageSize', 200).default(50),
});
export type RecommendationsQuery = z.output<typeof recommendationsQuery>;

const statusMessage = `status must be one of ${STATUS_VALUES.join(', ')}`;

export const statusChange = z.discriminatedUnion(
  'status',
  [
    strict('body', {
      status: z.enum(['open', 'in_progress', 'fixed', 'dismissed'], { error: statusMessage }),
    }),
    strict('body', {
      status: z.literal('snoozed', { error: statusMessage }),
      snoozedUntil: z
        .string({ error: 'snoozedUntil is required to snooze: an ISO 8601 time with an offset' })
        .max(40, 'snoozedUntil must be an ISO 8601 time with an offset')
        .refine(
          (v) => z.iso.datetime({ offset: true }).safeParse(v).success,
          'snoozedUntil must be an ISO 8601 time with an offset',
        )
        .transform((v) => new Date(v))
        .refine((d) => d.getTime() > Date.now(), 'snoozedUntil must be in the future')
        .refine(
          (d) => d.getTime() <= Date.now() + MAX_SNOOZE_DAYS * 86_400_000,
          `snoozedUntil must be within ${MAX_SNOOZE_DAYS} days`,
        ),
    }),
  ],
  { error: statusMessage },
);
export type StatusChange = z.output<typeof statusChange>;
