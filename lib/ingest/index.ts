/**
 * Ingestion's public face for route handlers: the process's writer on the process's database.
 * Requests in flight hold their points until committed, so the HTTP server's graceful stop
 * (which lets requests finish) is also the writer's flush.
 */
import 'server-only';
import { getConfig } from '../config';
import { DAY_MS } from '../time';
import { getDb } from '../db';
import { jobs } from '../jobs';
import { changes } from '../realtime';
import { RequestSampler } from './samples';
import { IngestWriter } from './writer';

export { fanOut } from './requests';
export type { IngestPoint } from './writer';

/** Points older than this are refused: the minute rollups, the finest resolution after raw points, would not keep them. */
export function maxPointAgeMs(): number {
  return getConfig().RETENTION_MINUTE_DAYS * DAY_MS;
}

const globalForIngest = globalThis as unknown as {
  observatoryWriter?: IngestWriter;
  observatorySampler?: RequestSampler;
};

/** Requests older than this get no sample row: retention deletes them with the raw points. */
export function rawRetentionMs(): number {
  return getConfig().RETENTION_RAW_DAYS * DAY_MS;
}

/** The process's choice of which requests to keep whole (lib/ingest/samples.ts). */
export function getSampler(): RequestSampler {
  globalForIngest.observatorySampler ??= new RequestSampler();
  return globalForIngest.observatorySampler;
}

export function getWriter(): IngestWriter {
  // Points for hours compaction has built show in hour and day reads once rebuilt: soon, not at the next minute.
  globalForIngest.observatoryWriter ??= new IngestWriter(getDb(), getConfig().database.provider, {
    maxPendingPoints: getConfig().INGEST_BUFFER_POINTS,
    onLateWrite: () => jobs().runSoon('compaction'),
    onCommit: (projectIds) => changes().changed(projectIds),
  });
  return globalForIngest.observatoryWriter;
}
