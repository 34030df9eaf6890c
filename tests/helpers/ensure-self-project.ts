/**
 * One "instance starting": makes sure the built-in project exists on DATABASE_URL (argv[2]) and
 * prints it as JSON. Run several at once to race them as separate processes do.
 */
import { createDb } from '../../lib/db/client';
import { parseDatabaseUrl } from '../../lib/db/url';
import { ensureSelfProject } from '../../lib/projects/self';

const db = createDb(parseDatabaseUrl(process.argv[2]!));
try {
  process.stdout.write(JSON.stringify(await ensureSelfProject(db, ['https://obs.example'])));
} finally {
  await db.$disconnect();
}
