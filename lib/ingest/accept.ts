/** What both ingestion routes do after validation: check times, store, answer 202 once committed. */
import 'server-only';
import type { KeyActor } from '../auth/permissions';
import { invalid } from '../http/errors';
import { getWriter, maxPointAgeMs } from '.';
import type { IngestIssue } from './schema';
import type { IngestPoint, SideRows } from './writer';

type Normalized<T> = { ok: true; items: T } | { ok: false; issues: IngestIssue[] };

export function timeOptions() {
  return { now: Date.now(), maxAgeMs: maxPointAgeMs() };
}

/** 422 naming the first problems, or the normalized items. */
export function orRefuse<T>(result: Normalized<T>): T {
  if (result.ok) return result.items;
  const [first] = result.issues;
  throw invalid(`invalid body: ${first!.path}: ${first!.message}`, result.issues);
}

export async function store(
  actor: KeyActor,
  points: IngestPoint[],
  accepted: number,
  side: readonly SideRows[] = [],
): Promise<Response> {
  await getWriter().submit(actor.projectId, points, side);
  return Response.json({ accepted }, { status: 202 });
}
