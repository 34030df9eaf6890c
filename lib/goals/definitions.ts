/**
 * What a project aims for: target and critical levels for response time (p50, p95, p99),
 * throughput, 5xx error rate, CPU and memory. The defaults are the user's performance-goals table
 * (seed document 004); a project may override any goal (lib/goals/store.ts). Pure data, safe in
 * the browser.
 *
 * Each goal has a unit and a direction: latency, error rate, CPU and memory are "at most" (lower
 * is better: past the target a value is a warning, past critical it is critical); throughput is
 * "at least" (higher is better: below the target a warning, below critical critical).
 */

export const GOAL_KEYS = ['p50', 'p95', 'p99', 'throughput', 'errorRate', 'cpu', 'memory'] as const;
export type GoalKey = (typeof GOAL_KEYS)[number];

export type GoalDirection = 'at_most' | 'at_least';
/** Milliseconds; requests per second; per cent (of requests, of the CPUs available, of memory available). */
export type GoalUnit = 'ms' | 'req/s' | '%';

export type GoalLevels = { target: number; critical: number };

export type GoalDefinition = {
  key: GoalKey;
  label: string;
  unit: GoalUnit;
  direction: GoalDirection;
  /** The unit in words, with what a per cent is of: "% of the CPUs available". */
  unitLabel: string;
  /** The largest level accepted (both levels are greater than 0). */
  max: number;
  defaults: GoalLevels;
};

/** A goal as a project has it: its definition, its levels, and whether they are the project's own. */
export type Goal = Omit<GoalDefinition, 'defaults' | 'max'> &
  GoalLevels & {
    defaults: GoalLevels;
    /** True when the project set its own levels; false when they are the defaults. */
    custom: boolean;
  };

export type Goals = Record<GoalKey, Goal>;

const LATENCY_MAX_MS = 600_000;

/**
 * Seed 004's table. Its p50 target (100 ms) is kept although other seeds give the p50 budget as
 * 200 ms: that 200 ms is 004's p50 critical level, so both agree on where p50 turns bad, and each
 * latency row keeps 004's critical = 2 × target. See README ("Goals").
 */
export const GOAL_DEFINITIONS: Record<GoalKey, GoalDefinition> = {
  p50: {
    key: 'p50',
    label: 'Response time p50',
    unit: 'ms',
    direction: 'at_most',
    unitLabel: 'milliseconds',
    max: LATENCY_MAX_MS,
    defaults: { target: 100, critical: 200 },
  },
  p95: {
    key: 'p95',
    label: 'Response time p95',
    unit: 'ms',
    direction: 'at_most',
    unitLabel: 'milliseconds',
    max: LATENCY_MAX_MS,
    defaults: { target: 500, critical: 1_000 },
  },
  p99: {
    key: 'p99',
    label: 'Response time p99',
    unit: 'ms',
    direction: 'at_most',
    unitLabel: 'milliseconds',
    max: LATENCY_MAX_MS,
    defaults: { target: 1_000, critical: 2_000 },
  },
  throughput: {
    key: 'throughput',
    label: 'Throughput',
    unit: 'req/s',
    direction: 'at_least',
    unitLabel: 'requests per second',
    max: 10_000_000,
    defaults: { target: 1_000, critical: 500 },
  },
  errorRate: {
    key: 'errorRate',
    label: 'Error rate',
    unit: '%',
    direction: 'at_most',
    unitLabel: '% of requests answered with a 5xx status',
    max: 100,
    defaults: { target: 0.1, critical: 1 },
  },
  cpu: {
    key: 'cpu',
    label: 'CPU',
    unit: '%',
    direction: 'at_most',
    unitLabel: '% of the CPUs available',
    max: 100,
    defaults: { target: 70, critical: 90 },
  },
  memory: {
    key: 'memory',
    label: 'Memory',
    unit: '%',
    direction: 'at_most',
    unitLabel: '% of the memory available',
    max: 100,
    defaults: { target: 80, critical: 95 },
  },
};

/** A goal with the given levels, or its defaults. */
export function goalOf(key: GoalKey, levels: GoalLevels | null = null): Goal {
  const { max: _max, defaults, ...definition } = GOAL_DEFINITIONS[key];
  return { ...definition, ...(levels ?? defaults), defaults, custom: levels !== null };
}

/** Every goal: a project's own levels where it has them, the defaults elsewhere. */
export function goalsWith(own: Partial<Record<GoalKey, GoalLevels>> = {}): Goals {
  return Object.fromEntries(GOAL_KEYS.map((key) => [key, goalOf(key, own[key] ?? null)])) as Goals;
}

/** The goals of a project that has set none. */
export const DEFAULT_GOALS: Goals = goalsWith();

/** Whether `critical` lies beyond `target` in the goal's direction (a critical level is the worse one). */
export function criticalIsBeyond(direction: GoalDirection, { target, critical }: GoalLevels): boolean {
  return direction === 'at_most' ? critical > target : critical < target;
}

/** A level with its unit, as messages and the audit log write it: "1,500 ms", "0.5%". */
export function levelText(value: number, unit: GoalUnit): string {
  const number = value.toLocaleString('en-US', { maximumFractionDigits: 6 });
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

export function isGoalKey(value: string): value is GoalKey {
  return (GOAL_KEYS as readonly string[]).includes(value);
}
