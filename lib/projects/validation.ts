import { z } from 'zod';
import { ADMIN_SCOPES, KEY_KINDS } from './keys';

// Printable text only: no control characters (newlines, NUL, escape sequences) in names.
export const printable = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    // `*`, not `+`: an empty value is reported once, by min(1), not also as control characters.
    .regex(/^[^\p{Cc}\p{Cf}]*$/u, `${what} must not contain control characters`);

export const projectName = printable('project name', 100);
export const keyName = printable('key name', 100);

export const projectSlug = z
  .string()
  .trim()
  .min(2, 'slug must be 2 to 48 characters')
  .max(48, 'slug must be 2 to 48 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug may contain lowercase letters, digits and single dashes');

/** An origin as browsers send it: scheme, host and optional port; nothing else. */
export const origin = z
  .string()
  .trim()
  .max(200, 'origin must be at most 200 characters')
  .refine((value) => {
    try {
      const u = new URL(value);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === value.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'origin must look like https://example.com (scheme, host and optional port only)')
  .transform((value) => new URL(value).origin);

export const allowedOrigins = z.array(origin).max(50, 'at most 50 allowed origins');

export const keyKind = z.enum(KEY_KINDS);
export const adminScopes = z.array(z.enum(ADMIN_SCOPES)).max(ADMIN_SCOPES.length);

/** Turns a name into a slug candidate ("Shop — Web!" → "shop-web"). */
export function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/, '') || 'project'
  );
}
