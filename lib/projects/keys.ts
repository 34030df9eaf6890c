/**
 * Secret keys. A key is a kind prefix and 32 random base62 characters (about 190 bits), so a
 * fast hash is enough: no one can guess a key from its SHA-256. Only the hash is stored, and
 * lookups go by hash, so comparing keys leaks nothing about them.
 */
import { createHash, randomBytes } from 'node:crypto';

export const KEY_KINDS = ['ingest', 'admin'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** Scopes an admin key can hold (the performance API: read reports, run cache and metric actions). */
export const ADMIN_SCOPES = ['performance:read', 'performance:write'] as const;
export type AdminScope = (typeof ADMIN_SCOPES)[number];

const PREFIX: Record<KeyKind, string> = { ingest: 'obs_ing_', admin: 'obs_adm_' };
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_LENGTH = 32;
const KEY_PATTERN = /^obs_(ing|adm)_[0-9A-Za-z]{32}$/;

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: dropping bytes above it keeps every character equally likely.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new secret with a readable kind prefix; `prefix` (kind + 4 characters) tells secrets apart in lists. */
export function generateSecret(kindPrefix: string): { key: string; prefix: string; hash: string } {
  const key = kindPrefix + randomBase62(SECRET_LENGTH);
  return { key, prefix: key.slice(0, kindPrefix.length + 4), hash: hashKey(key) };
}

export function generateKey(kind: KeyKind): { key: string; prefix: string; hash: string } {
  return generateSecret(PREFIX[kind]);
}

/** Share-link tokens: the same strength as keys, their own prefix. */
export const SHARE_PREFIX = 'obs_shr_';
const SHARE_PATTERN = /^obs_shr_[0-9A-Za-z]{32}$/;

export function looksLikeShareToken(value: string): boolean {
  return SHARE_PATTERN.test(value);
}

/** Cheap shape check before any lookup: malformed keys never reach the database. */
export function looksLikeKey(value: string, kind: KeyKind): boolean {
  return KEY_PATTERN.test(value) && value.startsWith(PREFIX[kind]);
}

/** A new public site id for the browser tracker: short, random, not a secret. */
export function generateSiteId(): string {
  return randomBase62(12);
}
