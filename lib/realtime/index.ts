/**
 * Live updates for the dashboard: the process's change bus (fed by the ingestion writer) and
 * the event stream GET /api/v1/stream serves from it.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import { getConfig } from '../config';
import { onShutdown } from '../shutdown';
import { ChangeBus } from './bus';

export { liveStream } from './stream';
export type { DataChange } from './bus';

const KEY = Symbol.for('observatory.changeBus');
const registry = globalThis as unknown as Record<typeof KEY, ChangeBus | undefined>;

/** The process's bus (one per process: the server's bundles share it through globalThis). */
export function changes(): ChangeBus {
  let bus = registry[KEY];
  if (!bus) {
    bus = new ChangeBus({ redisUrl: getConfig().REDIS_URL ?? null, instance: randomUUID() });
    registry[KEY] = bus;
    const created = bus;
    onShutdown(() => created.close());
  }
  return bus;
}
