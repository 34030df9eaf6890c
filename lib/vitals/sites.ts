/**
 * Site id → project and allowed origins, in memory: the beacon endpoint answers one request per
 * page view and must not query the database for it. The whole table is small (one row per
 * project) and loaded at once; it is reloaded after `ttlMs` (serving the old copy meanwhile), at
 * once after a project change in this process, and on an unknown site id at most once per
 * `missReloadMs` (a project just created by the CLI or another instance), so random site ids
 * cannot turn into database load.
 */
export type Site = { projectId: string; origins: ReadonlySet<string> };
export type SiteRow = { id: string; siteId: string; allowedOrigins: readonly string[] };

type Snapshot = { sites: Map<string, Site>; origins: Set<string>; loadedAt: number };

export class SiteCache {
  private snapshot: Snapshot | null = null;
  private loading: Promise<Snapshot> | null = null;
  private generation = 0;

  constructor(
    private readonly load: () => Promise<SiteRow[]>,
    private readonly ttlMs = 10_000,
    private readonly missReloadMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The project behind a site id, or null when no project has it. */
  async get(siteId: string): Promise<Site | null> {
    let snap = await this.current();
    const site = snap.sites.get(siteId);
    if (site) return site;
    if (this.now() - snap.loadedAt < this.missReloadMs) return null;
    snap = await this.reload();
    return snap.sites.get(siteId) ?? null;
  }

  /** Whether any project allows this origin (a preflight that names no site). */
  async anyAllows(origin: string): Promise<boolean> {
    return (await this.current()).origins.has(origin);
  }

  /** Forget everything: the next request loads the table again. */
  invalidate(): void {
    this.generation += 1;
    this.snapshot = null;
    this.loading = null;
  }

  private async current(): Promise<Snapshot> {
    const snap = this.snapshot;
    if (!snap) return this.reload();
    // Stale: answer from it, refresh behind (one load at a time).
    if (this.now() - snap.loadedAt > this.ttlMs) void this.reload().catch(() => undefined);
    return snap;
  }

  private reload(): Promise<Snapshot> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading = this.load()
      .then((rows) => {
        const snap = build(rows, this.now());
        // A change while loading: this copy may predate it, so it is not kept.
        if (generation === this.generation) this.snapshot = snap;
        return snap;
      })
      .finally(() => {
        if (this.loading === loading) this.loading = null;
      });
    this.loading = loading;
    return loading;
  }
}

function build(rows: SiteRow[], loadedAt: number): Snapshot {
  const sites = new Map<string, Site>();
  const origins = new Set<string>();
  for (const row of rows) {
    sites.set(row.siteId, { projectId: row.id, origins: new Set(row.allowedOrigins) });
    for (const o of row.allowedOrigins) origins.add(o);
  }
  return { sites, origins, loadedAt };
}
