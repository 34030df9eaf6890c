import { driverOf, type Db } from './client';

/**
 * How busy a client's connections are, for self-monitoring: PostgreSQL's pool (connections in
 * use, idle, and callers waiting for one), or on SQLite the statements and transactions queued
 * for its one connection (adapter.ts). Null for a client made elsewhere.
 */
export type PoolStats =
  { provider: 'postgresql'; used: number; idle: number; waiting: number } | { provider: 'sqlite'; waiting: number };

export function poolStats(db: Db): PoolStats | null {
  const driver = driverOf(db);
  if (!driver) return null;
  if (driver.provider === 'sqlite') return { provider: 'sqlite', waiting: driver.queued() };
  const { totalCount, idleCount, waitingCount } = driver.pool;
  return { provider: 'postgresql', used: totalCount - idleCount, idle: idleCount, waiting: waitingCount };
}
