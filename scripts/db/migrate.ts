/**
 * npm run db:migrate
 * Applies committed migrations to DATABASE_URL (what `prisma migrate deploy` does),
 * offline, through Prisma's WASM schema engine.
 */
import { getConfig } from '../../lib/config';
import { migrate } from '../../lib/db/migrate';
import { describeTarget } from '../../lib/db/url';
import { fail, loadEnv } from '../lib/cli';

loadEnv();
try {
  const config = getConfig();
  const applied = await migrate(config.database);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${describeTarget(config.database)}: ${applied.join(', ')}`
      : `${describeTarget(config.database)} is up to date`,
  );
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
