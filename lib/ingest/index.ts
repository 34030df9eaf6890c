/**
 * Ingestion's public face for route handlers: the process's writer on the process's database.
 * Requests in flight hold their points until committed, so the HTTP server's graceful stop
 * (which lets requests finish) is also the writer's flush.
 */
import 'server-only';
import { getConfig } from '../config';
import { getDb } from '../db';
import { IngestWriter } from './writer';

export { fanOut, RED_METRICS } from './requests';
export { MAX_POINT_AGE_MS } from './timestamp';
export type { IngestPoint } from './writer';

const globalForIngest = globalThis as unknown as { observatoryWriter?: IngestWriter };

export function getWriter(): IngestWriter {
  globalForIngest.observatoryWriter ??= new IngestWriter(getDb(), getConfig().database.provider);
  return globalForIngest.observatoryWriter;
}
