/**
 * Accounts from scripts: better-auth on a script's own database client. Kept apart from cli.ts,
 * which `npm install` runs before the database clients are generated.
 */
import { createAuth, type Auth } from '../../lib/auth/auth';
import { AuthSecretError, resolveAuthSecret } from '../../lib/auth/secret';
import { bootstrapAdmin } from '../../lib/auth/setup';
import type { Config } from '../../lib/config';
import { createDb, type Db } from '../../lib/db/client';
import { ApiError } from '../../lib/http/errors';
import { fail } from './cli';

/** better-auth on a script's own database client, for creating users outside a request. */
export function scriptAuth(db: Db, config: Config): Auth {
  return createAuth(db, {
    provider: config.database.provider,
    secret: resolveAuthSecret(config.AUTH_SECRET, config.database),
    baseURL: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
  });
}

/** ADMIN_EMAIL/ADMIN_PASSWORD: the first admin of an unattended install, made before serving. */
export async function bootstrapFromEnv(config: Config): Promise<void> {
  if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) return;
  const db = createDb(config.database, { poolSize: 1 });
  try {
    const created = await bootstrapAdmin(scriptAuth(db, config), db, {
      email: config.ADMIN_EMAIL,
      password: config.ADMIN_PASSWORD,
    });
    if (created) console.log(`observatory: created the admin ${created} from ADMIN_EMAIL`);
  } catch (err) {
    if (err instanceof ApiError || err instanceof AuthSecretError) fail(`ADMIN_EMAIL/ADMIN_PASSWORD: ${err.message}`);
    throw err;
  } finally {
    await db.$disconnect();
  }
}
