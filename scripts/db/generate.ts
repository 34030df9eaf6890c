/**
 * npm run db:generate (also run after npm install)
 * Derives the PostgreSQL schema from prisma/schema.prisma and generates both Prisma clients
 * into lib/db/generated/. Offline: generation needs no engine binary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROVIDERS, ROOT, schemaFor, schemaPathFor } from '../../lib/db/schema-files';
import { prismaEnv, runQuiet } from '../lib/cli';

const prisma = path.join(ROOT, 'node_modules', 'prisma', 'build', 'index.js');
for (const provider of PROVIDERS) {
  const file = schemaPathFor(provider);
  if (provider !== 'sqlite') fs.writeFileSync(file, schemaFor(provider));
  runQuiet(process.execPath, [prisma, 'generate', '--schema', file], { env: prismaEnv() });
}
console.log(`Prisma clients generated for ${PROVIDERS.join(' and ')} in lib/db/generated/`);
