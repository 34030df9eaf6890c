/** A project's detector thresholds: stored overrides over the defaults, changed by PUT (audited). */
import { recordAudit } from '../audit/store';
import type { Db } from '../db/client';
import {
  resolveThresholds,
  THRESHOLD_KEYS,
  type ThresholdChanges,
  type ThresholdKey,
  type Thresholds,
} from './thresholds';

export type OptimizerThresholds = { values: Thresholds; custom: ThresholdKey[]; lastRunAt: Date | null };

function parseStored(text: string | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function thresholdsFor(db: Db, projectId: string): Promise<OptimizerThresholds> {
  const row = await db.optimizerSettings.findUnique({ where: { projectId } });
  return { ...resolveThresholds(parseStored(row?.thresholds)), lastRunAt: row?.lastRunAt ?? null };
}

/** Each threshold named gets its value, or goes back to its default (null). */
export async function setThresholds(
  db: Db,
  actor: string,
  projectId: string,
  changes: ThresholdChanges,
): Promise<OptimizerThresholds> {
  await db.$transaction(async (tx) => {
    const row = await tx.optimizerSettings.findUnique({ where: { projectId } });
    const stored = parseStored(row?.thresholds);
    const named = THRESHOLD_KEYS.filter((k) => changes[k] !== undefined);
    for (const key of named) {
      if (changes[key] === null) delete stored[key];
      else stored[key] = changes[key];
    }
    // Only known keys are kept: a threshold removed from the code leaves nothing behind.
    const kept = Object.fromEntries(THRESHOLD_KEYS.filter((k) => k in stored).map((k) => [k, stored[k]]));
    await tx.optimizerSettings.upsert({
      where: { projectId },
      create: { projectId, thresholds: JSON.stringify(kept), updatedBy: actor },
      update: { thresholds: JSON.stringify(kept), updatedBy: actor },
    });
    await recordAudit(tx, {
      actor,
      action: 'optimizer.thresholds',
      target: `project:${projectId}`,
      projectId,
      details: Object.fromEntries(named.map((k) => [k, changes[k] ?? 'default'])),
    });
  });
  return thresholdsFor(db, projectId);
}
