/**
 * npm run db:seed [-- --days N --project slug --seed N --replace --json]
 * Writes days of demo data for a demo project through the ingestion path (lib/demo), on
 * DATABASE_URL. A project that already has data is left alone unless --replace is given.
 */
import { parseArgs } from 'node:util';
import { createDb } from '../../lib/db/client';
import { DEMO_PROJECT } from '../../lib/demo/catalog';
import { DEMO_DEFAULTS, loadDemo, MAX_DEMO_DAYS, type DemoSummary } from '../../lib/demo/load';
import { compact } from '../../lib/rollup';
import { ApiError } from '../../lib/http/errors';
import { fail, prepare } from '../lib/cli';

const USAGE = `usage: npm run db:seed [-- options]

  --days <n>        days of history ending now, 1 to ${MAX_DEMO_DAYS} (default ${DEMO_DEFAULTS.days})
  --project <slug>  the project to fill, created if missing (default ${DEMO_PROJECT.slug})
  --seed <n>        the random seed: the same seed gives the same data (default ${DEMO_DEFAULTS.seed})
  --replace         delete the project (its data and keys) first if it already has data
  --json            print the summary as JSON`;

const NUMERIC = /^--(days|seed)$/;

/** `--days -1` is a mistake in the number, not a missing value: joined as `--days=-1`, it is named as such. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (NUMERIC.test(argv[i]!) && next !== undefined && /^-\d/.test(next)) out.push(`${argv[i]}=${argv[++i]}`);
    else out.push(argv[i]!);
  }
  return out;
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      args: joinNegativeValues(process.argv.slice(2)),
      allowPositionals: true,
      options: {
        days: { type: 'string' },
        project: { type: 'string' },
        seed: { type: 'string' },
        replace: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return fail((err instanceof Error ? err.message : String(err)).split('\n')[0]!, 2);
  }
})();

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length) fail(`unexpected argument "${positionals[0]!.slice(0, 40)}"; see --help`, 2);

/** Digits only: "1e9", "7.5", " 7" and "0x10" are mistakes, not numbers to round. */
function wholeNumber(raw: string | undefined, what: string, min: number, max: number, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) fail(`${what} must be a whole number from ${min} to ${max}`, 2);
  return value;
}

const days = wholeNumber(values.days, '--days', 1, MAX_DEMO_DAYS, DEMO_DEFAULTS.days);
const seed = wholeNumber(values.seed, '--seed', 0, 2 ** 32 - 1, DEMO_DEFAULTS.seed);
const slug = values.project ?? DEMO_PROJECT.slug;
if (slug.trim() === '') fail('--project must not be empty', 2);

const { config } = await prepare(false);
const db = createDb(config.database, { poolSize: 2 });
const quiet = values.json === true;

function report(summary: DemoSummary): string {
  const date = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
  return [
    `loaded ${summary.days} ${summary.days === 1 ? 'day' : 'days'} of demo data into project ${summary.project.slug} in ${(summary.ms / 1000).toFixed(1)} s`,
    `  range     ${date(summary.from)} → ${date(summary.to)} UTC`,
    `  incident  ${date(summary.incident.from)} → ${date(summary.incident.to).slice(11)} UTC (latency spike with 5xx errors)`,
    `  requests  ${summary.requests.toLocaleString('en')} records`,
    `  points    ${summary.points.toLocaleString('en')} in ${summary.series} series`,
  ].join('\n');
}

const compactAll = async () => {
  const options = { budgetMs: 60_000, rawDays: config.RETENTION_RAW_DAYS };
  while (!(await compact(db, config.database.provider, options)).caughtUp);
};

try {
  let lastDay = 0;
  // Compaction first, so the history is written with the hour and day rows compaction has built.
  await compactAll();
  const summary = await loadDemo(db, {
    days,
    seed,
    slug,
    replace: values.replace === true,
    actor: 'cli',
    onProgress: ({ hoursDone, hours, points }) => {
      const day = Math.floor((hoursDone * days) / hours);
      if (quiet || day === lastDay) return;
      lastDay = day;
      console.log(`day ${day}/${days} written (${points.toLocaleString('en')} points)`);
    },
  });
  // The last hours' rows, which the history leaves to compaction, so a running server reads them at once.
  await compactAll();
  console.log(quiet ? JSON.stringify(summary, null, 2) : report(summary));
} catch (err) {
  if (err instanceof ApiError) {
    fail(err.status === 409 ? `${err.message}: add --replace to delete it and load the demo again` : err.message);
  }
  throw err;
} finally {
  await db.$disconnect();
}
