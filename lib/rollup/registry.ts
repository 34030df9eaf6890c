/**
 * The ids of the series a writer stores points for: found in a cache, else looked up, else
 * created, within the project's series limit (past it, a new series' points go to its
 * metric's overflow series and are counted). Identities (canonical tags, key and the service
 * they name) are cached by project, name and tags as sent, so a known series costs no sort or
 * hash per request. Resolving also records the services the series name (./services.ts).
 */
import type { Db } from '../db/client';
import { insertRows, ROWS_PER_STATEMENT } from '../db/sql';
import type { DbProvider } from '../db/url';
import type { MetricPoint, MetricKind } from './rows';
import { canonicalDims, DEFAULT_SERIES_LIMIT, OVERFLOW_DIMS, seriesKey, tagsAsSent } from './series';
import { ServiceRecorder, serviceOf } from './services';

/** What a series is created with. */
export type SeriesSpec = { projectId: string; name: string; kind: string; unit: string | null; dims: string };
/** A series being written: its spec, key, the service its tags name and, once resolved, its id. */
export type SeriesEntry = SeriesSpec & { key: string; service: string | null; seriesId: number };
/** A series' points, in the order given: what writers fold into rows (`weights` only when some point has one). */
export type PointGroup = SeriesEntry & { kind: MetricKind; ts: number[]; values: number[]; weights?: number[] };
/**
 * `from`'s points added to `to`'s, weights kept aligned. Loops, not spread: a day's series can hold
 * more points than a call takes arguments.
 */
export function appendPoints(to: PointGroup, from: PointGroup): void {
  if (from.weights || to.weights) {
    to.weights ??= to.ts.map(() => 1);
    for (let i = 0; i < from.ts.length; i++) to.weights.push(from.weights?.[i] ?? 1);
  }
  for (let i = 0; i < from.ts.length; i++) {
    to.ts.push(from.ts[i]!);
    to.values.push(from.values[i]!);
  }
}

/** What identity() gives for a series' tags. */
export type SeriesIdentity = { dims: string; key: string; service: string | null };

const CACHE_MAX = 100_000;

const specOf = ({ projectId, name, kind, unit, dims }: SeriesSpec): SeriesSpec => ({
  projectId,
  name,
  kind,
  unit,
  dims,
});

export class SeriesRegistry {
  private readonly ids = new Map<string, number>();
  private readonly identities = new Map<string, SeriesIdentity>();
  private readonly counts = new Map<string, number>();
  /** Overflow series that took points of series past the limit: their points name no service of their own. */
  private readonly overflowIds = new Set<number>();
  readonly services: ServiceRecorder;
  /** Points sent to an overflow series since start, per project (shown as a warning). */
  readonly overflowed = new Map<string, number>();
  /** Distinct series of each resolve() found in the id cache, and those looked up in the database. */
  cacheHits = 0;
  cacheMisses = 0;

  constructor(
    private readonly db: Db,
    private readonly provider: DbProvider,
    private readonly limit = DEFAULT_SERIES_LIMIT,
    clock: () => number = Date.now,
  ) {
    this.services = new ServiceRecorder(db, provider, clock);
  }

  /** The canonical tags, key and service of a series; `sent` is tagsAsSent(tags). */
  identity(projectId: string, name: string, tags: Record<string, string>, sent: string): SeriesIdentity {
    const cacheKey = `${projectId}\0${name}\0${sent}`;
    let found = this.identities.get(cacheKey);
    if (!found) {
      const dims = canonicalDims(tags);
      found = { dims, key: seriesKey(projectId, name, dims), service: serviceOf(tags) };
      if (this.identities.size >= CACHE_MAX) this.identities.clear();
      this.identities.set(cacheKey, found);
    }
    return found;
  }

  /**
   * Points grouped by series (name and tags), in arrival order, ids not yet resolved. Grouping puts
   * a series' rows side by side in an insert (their index entries are neighbours) and lets each
   * series roll up on its own. Most points of a request share a few series:
   * each distinct (name, tags) is canonicalised and hashed once, found by name, then by the tags
   * as sent (no key string to build per point).
   */
  group(projectId: string, points: readonly MetricPoint[]): PointGroup[] {
    const list: PointGroup[] = [];
    const byName = new Map<string, Map<string, PointGroup>>();
    for (const p of points) {
      let byTags = byName.get(p.name);
      if (!byTags) byName.set(p.name, (byTags = new Map()));
      const sent = tagsAsSent(p.tags);
      let group = byTags.get(sent);
      if (!group) {
        const { dims, key, service } = this.identity(projectId, p.name, p.tags, sent);
        group = {
          key,
          service,
          seriesId: 0,
          projectId,
          name: p.name,
          kind: p.kind,
          unit: p.unit,
          dims,
          ts: [],
          values: [],
        };
        byTags.set(sent, group);
        list.push(group);
      }
      if (p.weight !== undefined && !group.weights) group.weights = group.ts.map(() => 1);
      group.ts.push(p.ts);
      group.values.push(p.value);
      if (group.weights) group.weights.push(p.weight ?? 1);
    }
    return list;
  }

  /**
   * Sets each entry's seriesId (entries have distinct keys), creating missing series, and records
   * the services they name. `pointsOf` counts an entry's points, for the overflow warning.
   */
  async resolve<E extends SeriesEntry>(entries: readonly E[], pointsOf: (entry: E) => number): Promise<void> {
    const wanted = new Map<string, E>();
    for (const e of entries) {
      if (this.ids.has(e.key)) this.cacheHits += 1;
      else {
        this.cacheMisses += 1;
        wanted.set(e.key, e);
      }
    }
    if (wanted.size) await this.create(wanted, pointsOf);
    for (const e of entries) e.seriesId = this.ids.get(e.key)!;
    await this.services.seen(entries, this.overflowIds);
  }

  private async create<E extends SeriesEntry>(wanted: Map<string, E>, pointsOf: (entry: E) => number): Promise<void> {
    const known = await this.lookup([...wanted.keys()]);
    const missing = [...wanted].filter(([key]) => !known.has(key));
    const accepted: [string, SeriesSpec][] = [];
    const redirect = new Map<string, string>();
    for (const [key, s] of missing) {
      const count = this.counts.get(s.projectId) ?? (await this.db.series.count({ where: { projectId: s.projectId } }));
      if (count + accepted.filter(([, a]) => a.projectId === s.projectId).length < this.limit) {
        accepted.push([key, s]);
      } else {
        const overflowKey = seriesKey(s.projectId, s.name, OVERFLOW_DIMS);
        redirect.set(key, overflowKey);
        if (!known.has(overflowKey)) accepted.push([overflowKey, { ...specOf(s), dims: OVERFLOW_DIMS }]);
      }
      this.counts.set(s.projectId, count);
    }
    await insertRows(
      this.db,
      this.provider,
      'Series',
      ['projectId', 'name', 'kind', 'unit', 'dims', 'key'],
      accepted.map(([key, s]) => [s.projectId, s.name, s.kind, s.unit, s.dims, key]),
      ' ON CONFLICT ("key") DO NOTHING',
    );
    for (const [, s] of accepted) this.counts.set(s.projectId, (this.counts.get(s.projectId) ?? 0) + 1);
    const all = await this.lookup([...wanted.keys(), ...redirect.values()]);
    if (this.ids.size + all.size > CACHE_MAX) this.ids.clear();
    for (const [key, id] of all) this.ids.set(key, id);
    for (const [from, to] of redirect) {
      this.ids.set(from, all.get(to)!);
      this.overflowIds.add(all.get(to)!);
      const entry = wanted.get(from)!;
      this.overflowed.set(entry.projectId, (this.overflowed.get(entry.projectId) ?? 0) + pointsOf(entry));
    }
  }

  private async lookup(keys: string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (let i = 0; i < keys.length; i += ROWS_PER_STATEMENT) {
      const rows = await this.db.series.findMany({
        where: { key: { in: keys.slice(i, i + ROWS_PER_STATEMENT) } },
        select: { id: true, key: true },
      });
      for (const r of rows) found.set(r.key, r.id);
    }
    return found;
  }
}
