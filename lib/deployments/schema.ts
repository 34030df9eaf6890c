/**
 * What POST /api/v1/deployments takes (a deploy marker) and what the project's deployments list
 * is asked for. Messages name the field and say what is allowed, never repeating the input.
 */
import { z } from 'zod';
import { INGEST_LIMITS } from '../ingest/schema';
import { implausibleTimestamp } from '../ingest/timestamp';
import { sharedFields } from '../views/period';
import { identifier, strict, text, typeError } from '../zod';

export const DEPLOYMENT_LIMITS = {
  maxVersionLength: 100,
  maxEnvironmentLength: 50,
  /** Deployments one list answer holds at most. */
  maxList: 500,
} as const;

export const DEFAULT_ENVIRONMENT = 'production';

const timestamp = z
  .custom<number | string>((value) => typeof value === 'number' || typeof value === 'string', {
    error: 'ts must be milliseconds since the epoch or an ISO 8601 string',
  })
  .superRefine((ts, ctx) => {
    const problem = implausibleTimestamp(ts);
    if (problem) ctx.addIssue({ code: 'custom', message: `ts ${problem}` });
  });

export const deploymentBody = strict('body', {
  /** As the service's request records name it. */
  service: identifier('service', INGEST_LIMITS.maxServiceLength),
  /** Any printable text: a tag, a build number, a date. */
  version: text('version', DEPLOYMENT_LIMITS.maxVersionLength),
  environment: identifier('environment', DEPLOYMENT_LIMITS.maxEnvironmentLength).default(DEFAULT_ENVIRONMENT),
  commit: z
    .string({ error: typeError('commit', 'a string') })
    .regex(/^[0-9a-fA-F]{7,64}$/, 'commit must be 7 to 64 hexadecimal digits (a commit hash)')
    .transform((value) => value.toLowerCase())
    .optional(),
  /** When it went out: milliseconds since the epoch or ISO 8601; default now. */
  ts: timestamp.optional(),
});

export type DeploymentInput = z.output<typeof deploymentBody>;

/** The list's filters: a range (ms or ISO 8601, as the query routes take it), service, environment. */
export const deploymentsQuery = strict('query', {
  from: sharedFields.from.schema.optional(),
  to: sharedFields.to.schema.optional(),
  service: identifier('service', INGEST_LIMITS.maxServiceLength).optional(),
  environment: identifier('environment', DEPLOYMENT_LIMITS.maxEnvironmentLength).optional(),
  limit: z
    .string({ error: 'limit must be given once, as a whole number' })
    .regex(/^[0-9]{1,4}$/, `limit must be a whole number from 1 to ${DEPLOYMENT_LIMITS.maxList}`)
    .transform(Number)
    .refine(
      (n) => n >= 1 && n <= DEPLOYMENT_LIMITS.maxList,
      `limit must be a whole number from 1 to ${DEPLOYMENT_LIMITS.maxList}`,
    )
    .default(100),
}).refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
  message: 'from must be before to',
  path: ['from'],
});

export type DeploymentsQuery = z.output<typeof deploymentsQuery>;
