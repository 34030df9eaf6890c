/**
 * What a server wrote, read straight from its database (SQLite file or PostgreSQL schema), so a
 * test sees the stored truth rather than what the app's own queries report.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { TestDatabase } from './services';

async function query<T>(db: TestDatabase, sql: string): Promise<T[]> {
  if (db.provider === 'sqlite') {
    const conn = new Database(db.url.slice('file:'.length), { readonly: true });
    try {
      return conn.prepare(sql).all() as T[];
    } finally {
      conn.close();
    }
  }
  const url = new URL(db.url);
  const schema = url.searchParams.get('schema') ?? 'public';
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${schema}"`);
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Rows ingestion writes outside the built-in project: series, raw points, minute values and request samples. */
export type IngestRows = { series: number; points: number; minuteValues: number; samples: number };

/** Observatory's own project (lib/projects/store.ts), where a server records its own requests. */
export const SELF_PROJECT_ID = 'observatory_self';

/**
 * What the ingestion tables hold from what clients sent (each test server has its own database):
 * series, raw points, and the values counted in minute rollups (a sum that folding and
 * compaction leave unchanged, unlike the number of rows). Left out: the server's own
 * self-monitoring, which grows with every request it answers, and the beacon counters
 * (`observatory.beacons.*`), the server's own count of what it accepted and refused, written
 * every few seconds.
 */
export async function ingestRows(db: TestDatabase): Promise<IngestRows> {
  const others = `SELECT id FROM "Series" WHERE "projectId" <> '${SELF_PROJECT_ID}' AND name NOT LIKE 'observatory.beacons.%'`;
  const [row] = await query<Record<keyof IngestRows, number | string | null>>(
    db,
    `SELECT (${others.replace('SELECT id', 'SELECT COUNT(*)')}) AS series,
            (SELECT COUNT(*) FROM "Point" WHERE "seriesId" IN (${others})) AS points,
            (SELECT SUM("count") FROM "Rollup" WHERE resolution = 60 AND "seriesId" IN (${others})) AS "minuteValues",
            (SELECT COUNT(*) FROM "RequestSample" WHERE "projectId" <> '${SELF_PROJECT_ID}') AS samples`,
  );
  return {
    series: Number(row!.series),
    points: Number(row!.points),
    minuteValues: Number(row!.minuteValues ?? 0),
    samples: Number(row!.samples),
  };
}

/** How many times each value of the metric `name` is stored as a raw point. */
export async function storedValueCounts(db: TestDatabase, name: string): Promise<Map<number, number>> {
  if (!/^[a-z.]+$/.test(name)) throw new Error(`not a plain metric name: ${name}`);
  const rows = await query<{ value: number; n: number | string }>(
    db,
    `SELECT p.value AS value, COUNT(*) AS n FROM "Point" p JOIN "Series" s ON s.id = p."seriesId"
     WHERE s.name = '${name}' GROUP BY p.value`,
  );
  return new Map(rows.map((r) => [Number(r.value), Number(r.n)]));
}

/** Count and sum of the metric's minute rollup rows per minute (ms), its series together. */
export async function storedMinutes(
  db: TestDatabase,
  name: string,
): Promise<Map<number, { count: number; sum: number }>> {
  if (!/^[a-z.]+$/.test(name)) throw new Error(`not a plain metric name: ${name}`);
  const rows = await query<{ bucket: number | string; count: number; sum: number }>(
    db,
    `SELECT r.bucket AS bucket, SUM(r.count) AS count, SUM(r.sum) AS sum FROM "Rollup" r
       JOIN "Series" s ON s.id = r."seriesId"
     WHERE s.name = '${name}' AND s.dims <> '{"*":"total"}' AND r.resolution = 60 GROUP BY r.bucket`,
  );
  return new Map(rows.map((r) => [Number(r.bucket), { count: Number(r.count), sum: Number(r.sum) }]));
}

/** Late points staged and not yet folded, dirty buckets not yet rebuilt, and compaction's hour watermark (0: none). */
export async function compactionBacklog(
  db: TestDatabase,
): Promise<{ staged: number; dirty: number; hoursUntil: number }> {
  const [staged] = await query<{ n: number | string }>(db, 'SELECT COUNT(*) AS n FROM "LatePoint"');
  const [dirty] = await query<{ n: number | string }>(db, 'SELECT COUNT(*) AS n FROM "RollupDirty"');
  const [hour] = await query<{ until: number | string }>(db, `SELECT "until" FROM "Compaction" WHERE "level" = 'hour'`);
  return { staged: Number(staged!.n), dirty: Number(dirty!.n), hoursUntil: hour ? Number(hour.until) : 0 };
}

/** The tags (canonical JSON) of each series of the metric `name`. */
export async function seriesDims(db: TestDatabase, name: string): Promise<string[]> {
  if (!/^[a-z.]+$/.test(name)) throw new Error(`not a plain metric name: ${name}`);
  const rows = await query<{ dims: string }>(db, `SELECT dims FROM "Series" WHERE name = '${name}' ORDER BY dims`);
  return rows.map((r) => r.dims);
}

export type SeriesTotals = {
  name: string;
  tags: Record<string, string>;
  count: number;
  sum: number;
  min: number;
  max: number;
};

/** Every series of a project with its minute rollups folded: count, sum, min, max. */
export async function projectSeriesTotals(db: TestDatabase, projectId: string): Promise<SeriesTotals[]> {
  if (!/^[\w-]+$/.test(projectId)) throw new Error(`not a plain project id: ${projectId}`);
  const rows = await query<Record<string, string | number>>(
    db,
    `SELECT s.name AS name, s.dims AS dims, SUM(r.count) AS count, SUM(r.sum) AS sum, MIN(r.min) AS min,
            MAX(r.max) AS max
     FROM "Series" s JOIN "Rollup" r ON r."seriesId" = s.id
     WHERE s."projectId" = '${projectId}' AND r.resolution = 60 AND s.dims <> '{"*":"total"}'
     GROUP BY s.name, s.dims ORDER BY s.name, s.dims`,
  );
  return rows.map((r) => ({
    name: String(r.name),
    tags: JSON.parse(String(r.dims)) as Record<string, string>,
    count: Number(r.count),
    sum: Number(r.sum),
    min: Number(r.min),
    max: Number(r.max),
  }));
}

/** Rows of the browser tracker's own tables (lib/vitals). */
export async function browserRows(db: TestDatabase): Promise<{ samples: number; activity: number }> {
  const [row] = await query<{ samples: number | string; activity: number | string }>(
    db,
    `SELECT (SELECT COUNT(*) FROM "VitalSample") AS samples, (SELECT COUNT(*) FROM "PageActivity") AS activity`,
  );
  return { samples: Number(row!.samples), activity: Number(row!.activity) };
}

export type StoredSample = {
  route: string;
  vital: string;
  value: number;
  device: string;
  navigation: string | null;
  connection: string | null;
  target: string | null;
  url: string | null;
  interaction: string | null;
  inputDelay: number | null;
  processing: number | null;
  presentation: number | null;
};

export async function vitalSamples(db: TestDatabase): Promise<StoredSample[]> {
  return query<StoredSample>(
    db,
    `SELECT route, vital, value, device, navigation, connection, target, url, interaction,
            "inputDelay", processing, presentation FROM "VitalSample" ORDER BY id`,
  );
}

export async function pageActivity(db: TestDatabase): Promise<{ projectId: string; pageId: string; route: string }[]> {
  return query(db, `SELECT "projectId", "pageId", route FROM "PageActivity" ORDER BY id`);
}

/** Each stored point of the metric `name` with its series' tags, oldest first. */
export async function storedPoints(
  db: TestDatabase,
  name: string,
): Promise<{ value: number; dims: string; projectId: string }[]> {
  if (!/^[a-z._]+$/.test(name)) throw new Error(`not a plain metric name: ${name}`);
  const rows = await query<{ value: number; dims: string; projectId: string }>(
    db,
    `SELECT p.value AS value, s.dims AS dims, s."projectId" AS "projectId" FROM "Point" p JOIN "Series" s ON s.id = p."seriesId"
     WHERE s.name = '${name}' ORDER BY p.id`,
  );
  return rows.map((r) => ({ ...r, value: Number(r.value) }));
}
