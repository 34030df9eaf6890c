/**
 * Shared zod pieces for everything Observatory accepts from outside (ingestion, beacons, alert
 * rules): messages name the field, say what is wrong and what is allowed, and never repeat the
 * input (apart from short, safe names).
 */
import { z } from 'zod';

type TypeIssue = { code: string; input?: unknown };

/** The message for a wrong type (`<what> must be <expected>`) or a missing field (`<what> is required`). */
export const typeError =
  (what: string, expected: string) =>
  (issue: TypeIssue): string | undefined => {
    if (issue.code !== 'invalid_type') return undefined;
    return issue.input === undefined ? `${what} is required` : `${what} must be ${expected}`;
  };

// Anything shorter than this and made of visible ASCII may be quoted back; the rest is described, not shown.
export const quotable = (value: string) => value.length <= 32 && /^[\x21-\x7e]+$/.test(value);

/** A strict object: unknown fields are refused, naming the first one when it is short and plain. */
export function strict<S extends z.core.$ZodLooseShape>(what: string, shape: S) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const first = issue.keys[0] ?? '';
        const field = quotable(first) ? `unknown field "${first}"` : 'unknown field';
        return `${field} in ${what}; allowed: ${allowed}`;
      }
      return typeError(what, 'an object')(issue);
    },
  });
}

export const CONTROL = /[\p{Cc}\p{Cf}]/u;
export const LONE_SURROGATE = /\p{Cs}/u;

/** Printable text: trimmed, non-empty, no control or format characters, valid Unicode. */
export const text = (what: string, max: number) =>
  z
    .string({ error: typeError(what, 'a string') })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .refine((value) => !CONTROL.test(value), `${what} must not contain control characters`)
    .refine((value) => !LONE_SURROGATE.test(value), `${what} must be valid unicode text`);

/** A name: starts with a letter; ASCII letters, digits and `_ . : -` only. */
export const identifier = (what: string, max: number) =>
  z
    .string({ error: typeError(what, 'a string') })
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .regex(/^[A-Za-z]/, `${what} must start with a letter`)
    .regex(/^[A-Za-z0-9_.:-]*$/, `${what} may contain only letters, digits and _ . : -`);

// 1e15 reads better than 1000000000000000.
const show = (n: number) => (Math.abs(n) >= 1e9 ? n.toExponential().replace('e+', 'e') : String(n));

type NumberRules = { min: number; max: number; int?: boolean; belowMin?: string };

/** A finite number within [min, max]; strings such as "NaN" or "1e309" are refused as not being JSON numbers. */
export function number(what: string, { min, max, int = false, belowMin }: NumberRules) {
  const range = `${what} must be ${int ? 'an integer ' : ''}from ${show(min)} to ${show(max)}`;
  const base = z.number({
    error: (issue) => {
      if (issue.code !== 'invalid_type') return undefined;
      if (issue.input === undefined) return `${what} is required`;
      if (typeof issue.input === 'string') return `${what} must be a JSON number, not a string`;
      if (typeof issue.input === 'number') return int ? range : `${what} must be a finite number`;
      return `${what} must be a number`;
    },
  });
  return (int ? base.int(range) : base).min(min, belowMin ?? range).max(max, range);
}

/** A list checked for length before its items are parsed, so 100,000 bad items give one clear message. */
export function list<T extends z.ZodType>(what: string, item: T, max: number) {
  return z
    .array(z.unknown(), { error: typeError(what, `an array of ${what}`) })
    .min(1, `${what} must contain at least 1 item`)
    .max(max, `at most ${max} ${what} per request`)
    .pipe(z.array(item));
}
