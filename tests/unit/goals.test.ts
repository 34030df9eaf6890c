/**
 * Goals without a database: the defaults are seed 004's table and valid by their own rules,
 * judging follows each goal's direction with the levels on their good side, and a change is
 * refused (naming the field) when malformed, oversized, hostile, or critical is not beyond target.
 */
import { describe, expect, it } from 'vitest';
import { parseInput } from '@/lib/http/issues';
import { criticalIsBeyond, DEFAULT_GOALS, GOAL_DEFINITIONS, GOAL_KEYS, goalsWith } from '@/lib/goals/definitions';
import { judge } from '@/lib/goals/judge';
import { goalsBody } from '@/lib/goals/schema';
import { ApiError } from '@/lib/http/errors';

function refusal(value: unknown): ApiError {
  try {
    parseInput(goalsBody, value);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe('default goals', () => {
  it("are seed 004's table, with its p50 target", () => {
    const levels = Object.fromEntries(GOAL_KEYS.map((k) => [k, [DEFAULT_GOALS[k].target, DEFAULT_GOALS[k].critical]]));
    expect(levels).toEqual({
      p50: [100, 200],
      p95: [500, 1_000],
      p99: [1_000, 2_000],
      throughput: [1_000, 500],
      errorRate: [0.1, 1],
      cpu: [70, 90],
      memory: [80, 95],
    });
    expect(DEFAULT_GOALS.throughput.direction).toBe('at_least');
    expect(GOAL_KEYS.filter((k) => DEFAULT_GOALS[k].direction === 'at_most')).toHaveLength(6);
    expect(GOAL_KEYS.every((k) => !DEFAULT_GOALS[k].custom)).toBe(true);
  });

  it('pass their own rules', () => {
    for (const key of GOAL_KEYS) {
      const { defaults, direction, max } = GOAL_DEFINITIONS[key];
      expect(criticalIsBeyond(direction, defaults), key).toBe(true);
      expect(defaults.target).toBeLessThanOrEqual(max);
      expect(defaults.critical).toBeLessThanOrEqual(max);
      expect(parseInput(goalsBody, { goals: { [key]: defaults } }).goals[key]).toEqual(defaults);
    }
  });

  it('take a project’s own levels goal by goal', () => {
    const goals = goalsWith({ p95: { target: 300, critical: 600 } });
    expect(goals.p95).toMatchObject({ target: 300, critical: 600, custom: true, defaults: { target: 500 } });
    expect(goals.p99).toEqual(DEFAULT_GOALS.p99);
  });
});

describe('judge', () => {
  it('holds "at most" goals: ok to the target, warning to critical, critical past it', () => {
    const p95 = DEFAULT_GOALS.p95;
    expect(judge(0, p95)).toBe('ok');
    expect(judge(500, p95)).toBe('ok');
    expect(judge(500.01, p95)).toBe('warning');
    expect(judge(1_000, p95)).toBe('warning');
    expect(judge(1_000.01, p95)).toBe('critical');
    expect(judge(Number.POSITIVE_INFINITY, p95)).toBe('critical');
  });

  it('holds "at least" goals the other way round', () => {
    const throughput = DEFAULT_GOALS.throughput;
    expect(judge(5_000, throughput)).toBe('ok');
    expect(judge(1_000, throughput)).toBe('ok');
    expect(judge(999, throughput)).toBe('warning');
    expect(judge(500, throughput)).toBe('warning');
    expect(judge(499.9, throughput)).toBe('critical');
    expect(judge(0, throughput)).toBe('critical');
  });

  it('refuses to judge NaN', () => {
    expect(() => judge(Number.NaN, DEFAULT_GOALS.cpu)).toThrow(RangeError);
  });
});

describe('a change of goals', () => {
  it('sets levels and resets with null', () => {
    expect(
      parseInput(goalsBody, {
        goals: { p95: { target: 250.5, critical: 400 }, throughput: { target: 50, critical: 10 }, cpu: null },
      }),
    ).toEqual({
      goals: { p95: { target: 250.5, critical: 400 }, throughput: { target: 50, critical: 10 }, cpu: null },
    });
  });

  it.each([
    [{ target: 500, critical: 400 }, 'p95', 'goals.p95.critical: critical must be greater than the target (500 ms)'],
    [{ target: 500, critical: 500 }, 'p95', 'goals.p95.critical: critical must be greater than the target'],
    [
      { target: 100, critical: 200 },
      'throughput',
      'goals.throughput.critical: critical must be less than the target (100 req/s)',
    ],
    [
      { target: 1, critical: 0.5 },
      'errorRate',
      'goals.errorRate.critical: critical must be greater than the target (1%)',
    ],
  ])('refuses critical not beyond target: %j for %s', (levels, key, message) => {
    const err = refusal({ goals: { [key]: levels } });
    expect(err.status).toBe(422);
    expect(err.message).toContain(message);
  });

  it.each([
    [{}, /goals: goals is required/],
    [{ goals: {} }, /goals must name at least one of p50, p95/],
    [{ goals: null }, /goals must be an object/],
    [{ goals: [] }, /goals must be an object/],
    [{ goals: { p95: 500 } }, /goals\.p95: goal p95 must be an object/],
    [{ goals: { p95: { target: 500 } } }, /goals\.p95\.critical: critical is required/],
    [
      { goals: { p95: { target: '500', critical: 900 } } },
      /goals\.p95\.target: target must be a JSON number, not a string/,
    ],
    [{ goals: { p95: { target: 0, critical: 900 } } }, /goals\.p95\.target: target must be greater than 0/],
    [{ goals: { p95: { target: -5, critical: 900 } } }, /target must be greater than 0/],
    [{ goals: { p95: { target: 1e309, critical: 9e309 } } }, /target must be a finite number/],
    [
      { goals: { p95: { target: 100, critical: 600_001 } } },
      /goals\.p95\.critical: critical must be at most 600,000 ms/,
    ],
    [{ goals: { cpu: { target: 70, critical: 101 } } }, /goals\.cpu\.critical: critical must be at most 100%/],
    [{ goals: { errorRate: { target: 0.1, critical: 1e300 } } }, /critical must be at most 100%/],
    [{ goals: { throughput: { target: 1e8, critical: 1 } } }, /target must be at most 10,000,000 req\/s/],
    [
      { goals: { p95: { target: 100, critical: 200, warn: 150 } } },
      /unknown field "warn" in goal p95; allowed: target, critical/,
    ],
    [{ goals: { apdex: { target: 1, critical: 2 } } }, /unknown field "apdex" in goals; allowed: p50, p95, p99/],
    [JSON.parse('{"goals":{"__proto__":{"target":1,"critical":2}}}'), /unknown field "__proto__" in goals/],
    [{ goals: { ['<script>'.repeat(10)]: null } }, /unknown field in goals/],
    [{ goals: { p95: null }, extra: true }, /unknown field "extra" in body/],
    [{ goals: { p95: { target: true, critical: 900 } } }, /target must be a number/],
  ])('refuses %j', (value, message) => {
    const err = refusal(value);
    expect(err.status).toBe(422);
    expect(err.message).toMatch(message);
  });
});
