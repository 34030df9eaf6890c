/**
 * Project goals: target and critical levels per goal (response time p50/p95/p99, throughput,
 * error rate, CPU, memory) with the user's table as defaults, each project's overrides, and the
 * judging every reader shares. Server only: the browser imports ./definitions and ./judge.
 */
import 'server-only';

export * from './definitions';
export { judge, type GoalStatus } from './judge';
export { goalsBody, type GoalChanges } from './schema';
export { goalsFor, setGoals } from './store';
