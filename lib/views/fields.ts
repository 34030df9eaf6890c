/**
 * The parameters a dashboard view keeps in its URL and sends to its query route, each defined
 * once. A field's schema is the strict reading the query route answers 422 with (the message
 * names the parameter and never repeats a long value); a page reads the same schema leniently,
 * taking the fallback for a value that does not fit, so a hand-edited or stale link still opens.
 */
import { z } from 'zod';
import { tagValue } from '../metrics';

/** Longest text value (a filter such as a route template), as a tag value may be. */
export const MAX_TEXT_LENGTH = 200;

export type Field<T, D extends T | null = T | null, R extends boolean = boolean> = {
  /** One URL value to T; anything else (an array, a value out of range) is refused, naming the parameter. */
  schema: z.ZodType<T>;
  /** The value when absent, or unfit in a page's URL (null: not set). Left out of URLs. */
  fallback: D;
  /** The query route refuses a call without it; a page without it has null. */
  required: R;
  /** The value as one URL parameter. */
  write(value: T): string;
};

export type AnyField = Field<unknown, unknown, boolean>;

/** The value a page holds: the field's type, or its fallback (null where there is none). */
export type PageValue<F> = F extends Field<infer T, infer D, boolean> ? T | D : never;
/** The value the query route passes on: absent optional fields are undefined. */
export type ApiValue<F> =
  F extends Field<infer T, infer D, infer R> ? (R extends true ? T : null extends D ? T | undefined : T) : never;

/** One of a few names (a percentile, a device). */
export function choice<const V extends readonly [string, ...string[]], D extends V[number] | null>(
  name: string,
  values: V,
  fallback: D,
): Field<V[number], D, false> {
  return {
    schema: z.enum(values, { error: `${name} must be one of ${values.join(', ')}` }),
    fallback,
    required: false,
    write: (value) => value,
  };
}

/**
 * A printable value such as a service, method or route template, as tags hold them: not empty,
 * at most 200 characters, no control, format (bidirectional overrides, zero-width) or lone
 * surrogate characters.
 */
export function text(name: string): Field<string, null, false> {
  return {
    schema: z
      .string({ error: `${name} must be given once, as text` })
      .min(1, `${name} must not be empty`)
      .max(MAX_TEXT_LENGTH, `${name} is too long`)
      .refine((v) => tagValue.safeParse(v).success, `${name} must be printable text`),
    fallback: null,
    required: false,
    write: (value) => value,
  };
}

/** A text value the query route cannot do without. */
export function requiredText(name: string): Field<string, null, true> {
  return { ...text(name), required: true };
}

/** On or off: 1, 0, true or false; written as 1 (off is the fallback, left out). */
export function flag(name: string): Field<boolean, false, false> {
  return {
    schema: z
      .enum(['0', '1', 'true', 'false'], { error: `${name} must be 1, 0, true or false` })
      .transform((v) => v === '1' || v === 'true'),
    fallback: false,
    required: false,
    write: (value) => (value ? '1' : '0'),
  };
}

/** 2100-01-01: later times are typing mistakes. */
export const LATEST_MS = 4_102_444_800_000;

/** A time: milliseconds since 1970 (digits only) or ISO 8601 with an offset, from 1970 to 2100. */
export function time(name: string): Field<number, null, false> {
  const message = `${name} must be a time: milliseconds since 1970 or ISO 8601 with an offset, before 2100`;
  return {
    schema: z
      .string({ error: message })
      .max(40, message)
      .refine((v) => /^[0-9]{1,13}$/.test(v) || z.iso.datetime({ offset: true }).safeParse(v).success, message)
      .transform((v) => (/^[0-9]+$/.test(v) ? Number(v) : Date.parse(v)))
      .refine((ms) => ms >= 0 && ms <= LATEST_MS, message),
    fallback: null,
    required: false,
    write: (value) => new Date(value).toISOString(),
  };
}

/** A project's slug or id (the API looks it up; a page falls back to the default project). */
export const project: Field<string, null, true> = {
  schema: z
    .string({ error: 'project must be given once, as text' })
    .trim()
    .min(1, 'project must not be empty')
    .max(100, 'project is too long')
    .regex(/^[A-Za-z0-9_-]+$/, "project must be a project's slug or id"),
  fallback: null,
  required: true,
  write: (value) => value,
};

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined> | null | undefined;

/** The first value of a parameter, whatever shape the search params come in (own properties only). */
export function firstParam(params: SearchParamsLike, name: string): string | undefined {
  if (!params) return undefined;
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
  return Array.isArray(value) ? value[0] : value;
}

/** A page's reading of one field: its value, or the fallback when absent or unfit. */
export function lenient<T, D extends T | null>(
  field: Field<T, D, boolean>,
  params: SearchParamsLike,
  name: string,
): T | D {
  const raw = firstParam(params, name);
  if (raw === undefined) return field.fallback;
  const parsed = field.schema.safeParse(raw);
  return parsed.success ? parsed.data : field.fallback;
}

/** A value as a URL parameter; null (left out) when it is not set or is the fallback. */
export function written<T, D extends T | null>(field: Field<T, D, boolean>, value: T | D): string | null {
  if (value === null || value === undefined) return null;
  const out = field.write(value as T);
  return field.fallback !== null && out === field.write(field.fallback as T) ? null : out;
}
