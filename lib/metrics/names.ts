/**
 * What a metric name and its tags may be, for every writer (ingestion, beacons, the demo) and
 * every reader that takes them as parameters (queries, alert rules).
 */
import { z } from 'zod';
import { identifier, text, typeError } from '../zod';

export const NAME_LIMITS = {
  maxTags: 16,
  maxTagKeyLength: 64,
  maxTagValueLength: 200,
  maxMetricNameLength: 200,
} as const;

export const metricName = identifier('name', NAME_LIMITS.maxMetricNameLength);

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const tagKey = z
  .string({ error: typeError('tag key', 'a string') })
  .min(1, 'tag key must not be empty')
  .max(NAME_LIMITS.maxTagKeyLength, `tag key must be at most ${NAME_LIMITS.maxTagKeyLength} characters`)
  .regex(/^[A-Za-z_]/, 'tag key must start with a letter or _')
  .regex(/^[A-Za-z0-9_.-]*$/, 'tag key may contain only letters, digits and _ . -')
  .refine((key) => !RESERVED_KEYS.has(key), { error: (issue) => `tag key ${String(issue.input)} is reserved` });

export const tagValue = text('tag value', NAME_LIMITS.maxTagValueLength);
