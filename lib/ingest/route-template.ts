/**
 * Route templates: `/users/123/orders/9f8e…` → `/users/[id]/orders/[hash]`, so that per-route series stay few.
 *
 * Pure and linear in the input: every regex below is anchored with no nested or overlapping quantifiers, and the
 * path is scanned only as far as the segment cap.
 */
import { ELLIPSIS } from '../chars';

/** A path or URL without its query and fragment (they may carry tokens or personal data). */
export function withoutQuery(url: string): string {
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

/** The placeholders a segment can become, most specific first. */
export const ROUTE_PLACEHOLDERS = ['id', 'uuid', 'date', 'hash', 'email', 'token'] as const;
export type RoutePlaceholder = (typeof ROUTE_PLACEHOLDERS)[number];

export const MAX_ROUTE_SEGMENTS = 20;
export const MAX_ROUTE_LENGTH = 200;
/** Stands for the segments dropped by the caps. */
export const ROUTE_OVERFLOW = `[${ELLIPSIS}]`;

const INTEGER = /^\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
const HEX = /^[0-9a-f]{16,}$/i;
const EMAIL_LOCAL = /^[A-Za-z0-9._%+-]+$/;
const EMAIL_DOMAIN = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
const TOKEN_CHARS = /^[A-Za-z0-9_-]{20,}={0,2}$/;
const LETTER = /[A-Za-z]/;
const DIGIT = /\d/;
// `[id]`, `[...slug]`, `[[...slug]]`, `:id`, `{id}`: someone already templated this segment.
const TEMPLATED = /^(?:\[\[?(?:\.\.\.)?[A-Za-z_][\w-]*\]\]?|:[A-Za-z_][\w-]*|\{[A-Za-z_][\w-]*\})$/;
// One percent-escaped UTF-8 character: an ASCII byte, or a lead byte with its continuation bytes.
const ESCAPED_CHAR =
  /%[0-7][0-9a-f]|%[c-d][0-9a-f]%[89ab][0-9a-f]|%e[0-9a-f](?:%[89ab][0-9a-f]){2}|%f[0-4](?:%[89ab][0-9a-f]){3}/gi;
// Decoding these would change the meaning of the path or smuggle control characters into it.
const KEEP_ENCODED = /^[/?#%]$|[\p{Cc}\p{Cf}]/u;

/** Decodes each valid escape on its own; invalid ones, and those that would decode to `/ ? # %` or controls, stay. */
function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  return segment.replace(ESCAPED_CHAR, (escape) => {
    try {
      const char = decodeURIComponent(escape);
      return KEEP_ENCODED.test(char) ? escape : char;
    } catch {
      return escape; // overlong or surrogate encodings
    }
  });
}

function isEmail(segment: string): boolean {
  const at = segment.indexOf('@');
  if (at <= 0 || at !== segment.lastIndexOf('@')) return false;
  return EMAIL_LOCAL.test(segment.slice(0, at)) && EMAIL_DOMAIN.test(segment.slice(at + 1));
}

/**
 * 20+ base64url characters mixing letters and digits. Dashed slugs such as `top-10-tips-for-html5-in-2026` stay:
 * at least one dash- or underscore-separated run of 8+ characters must itself mix letters and digits.
 */
function isToken(segment: string): boolean {
  if (!TOKEN_CHARS.test(segment)) return false;
  return segment
    .replace(/=+$/, '')
    .split(/[-_]/)
    .some((run) => run.length >= 8 && LETTER.test(run) && DIGIT.test(run));
}

function classify(segment: string): RoutePlaceholder | null {
  if (INTEGER.test(segment)) return 'id';
  if (UUID.test(segment)) return 'uuid';
  if (DATE.test(segment)) return 'date';
  if (HEX.test(segment)) return 'hash';
  if (isEmail(segment)) return 'email';
  if (isToken(segment)) return 'token';
  return null;
}

function templateSegment(raw: string): string {
  const segment = decodeSegment(raw);
  if (TEMPLATED.test(segment)) return segment;
  const placeholder = classify(segment);
  return placeholder ? `[${placeholder}]` : segment;
}

/** Cuts a string to at most `max` UTF-16 units without splitting a surrogate pair. */
function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const code = value.charCodeAt(max - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Joins templated segments within MAX_ROUTE_LENGTH, ending in `/[…]` when anything was dropped. */
function join(segments: string[], overflow: boolean): string {
  const full = '/' + segments.join('/') + (overflow ? '/' + ROUTE_OVERFLOW : '');
  if (full.length <= MAX_ROUTE_LENGTH) return full;
  const room = MAX_ROUTE_LENGTH - ('/' + ROUTE_OVERFLOW).length;
  let result = '';
  for (const segment of segments) {
    if (result.length + 1 + segment.length > room) break;
    result += '/' + segment;
  }
  if (result) return result + '/' + ROUTE_OVERFLOW;
  // Even the first segment is too long: keep its start, marked as cut.
  return '/' + cut(segments[0] ?? '', MAX_ROUTE_LENGTH - 2) + ELLIPSIS;
}

/**
 * Turns a raw URL path into a route template: no query or fragment, no empty segments, no trailing slash, and
 * ids, UUIDs, dates, hashes, emails and opaque tokens replaced by `[id]`, `[uuid]`, `[date]`, `[hash]`, `[email]`
 * and `[token]`. At most MAX_ROUTE_SEGMENTS segments and MAX_ROUTE_LENGTH characters; the rest becomes `/[…]`.
 */
export function templateRoute(path: string): string {
  const query = path.indexOf('?');
  const fragment = path.indexOf('#');
  const end = Math.min(query < 0 ? path.length : query, fragment < 0 ? path.length : fragment);

  const segments: string[] = [];
  let overflow = false;
  let start = 0;
  while (start < end) {
    let slash = path.indexOf('/', start);
    if (slash < 0 || slash > end) slash = end;
    if (slash > start) {
      if (segments.length === MAX_ROUTE_SEGMENTS) {
        overflow = true;
        break;
      }
      segments.push(templateSegment(path.slice(start, slash)));
    }
    start = slash + 1;
  }
  return segments.length ? join(segments, overflow) : '/';
}
