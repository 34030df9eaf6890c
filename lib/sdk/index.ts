/**
 * Observatory's server SDK: RED metrics (rate, errors, duration per route) and custom metrics from Node.js and
 * Next.js services, batched to the HTTP API. Self-contained: Node 20's fetch and nothing else, so the folder can
 * be copied into a service as it is. See the README's "Server SDK" section.
 */
export { createReporter } from './reporter';
export { statusOfResult, statusOfThrown } from './status';
export { LIMITS } from './validate';
export type {
  DeploymentInput,
  DeploymentResult,
  InvalidReason,
  Logger,
  MetricKind,
  MetricOptions,
  NodeRequestLike,
  NodeResponseLike,
  ObserveOptions,
  Reporter,
  ReporterOptions,
  ReporterStats,
  RequestInput,
  RetryOptions,
  TagValue,
  Tags,
} from './types';
