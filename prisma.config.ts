/**
 * For the stock Prisma CLI on a machine with network access, e.g. `npx prisma migrate deploy`
 * or `npx prisma studio`. It picks the schema and migration history for DATABASE_URL's provider.
 * Observatory itself migrates offline (npm run db:migrate) and does not need this file.
 */
import { defineConfig } from 'prisma/config';

const url = process.env.DATABASE_URL ?? 'file:./data/observatory.db';
const provider = /^postgres(ql)?:/i.test(url) ? 'postgresql' : 'sqlite';

export default defineConfig({
  schema: provider === 'postgresql' ? 'prisma/schema.postgresql.prisma' : 'prisma/schema.prisma',
  migrations: { path: `prisma/migrations/${provider}` },
  datasource: { url },
});
