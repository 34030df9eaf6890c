/**
 * The installation's id: random, made once and kept in the database (InstanceSetting), so every
 * instance on one database reads the same one whatever URL it reaches the database by, and
 * installations sharing one Redis keep their leases apart by it.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client';

const KEY = 'installation.id';

export async function installationId(db: Db): Promise<string> {
  const found = await db.instanceSetting.findUnique({ where: { key: KEY } });
  if (found) return found.value;
  try {
    await db.instanceSetting.create({ data: { key: KEY, value: randomBytes(8).toString('hex') } });
  } catch {
    // Another instance made it first (the key is unique): theirs is read below.
  }
  return (await db.instanceSetting.findUniqueOrThrow({ where: { key: KEY } })).value;
}
