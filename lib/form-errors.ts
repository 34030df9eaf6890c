/**
 * The API's refusals in the words of a form: each problem next to the field it is about, in
 * plain words ("Enter a name", "Threshold must be a number"), and the rest as a summary. The
 * server names fields by their path in the request body; a form names them by their labels.
 */
import { ApiRequestError } from './api-client';

/** A field's label, or the label and what to say when it was left empty. */
export type FieldLabel = string | { label: string; empty: string };

export type FormErrors<F extends string> = {
  /** One message per field, for `<Field error>`. */
  fields: Partial<Record<F, string>>;
  /** What belongs to no field on the form, for the form's summary. */
  summary: string[];
};

const NONE = { fields: {}, summary: [] };

const EMPTY = /must not be empty|is required|expected string to have >=1 characters?|at least 1 item/i;
const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  string: 'text',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a set of values',
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Channel name (optional)" → "channel name"; an all-capitals word (URL) stays as it is. */
function noun(label: string): string {
  const bare = label.replace(/\s*\(.*?\)\s*/g, ' ').trim();
  return /^[A-Z]{2}/.test(bare) ? bare : bare.charAt(0).toLowerCase() + bare.slice(1);
}

function labelOf(label: FieldLabel): string {
  return typeof label === 'string' ? label : label.label;
}

/** "name: project name must not be empty" → "project name must not be empty". */
function withoutPath(message: string): string {
  return message.replace(/^(?:[A-Za-z_$][\w$]*(?:\.[\w$]+)*: )+/, '');
}

/** One server message in plain words, about the field labelled `label` when there is one. */
export function plainWords(message: string, label?: FieldLabel): string {
  const text = withoutPath(message).trim();
  const name = label === undefined ? undefined : labelOf(label);
  if (name === undefined) return capitalise(text);
  const subject = capitalise(noun(name));
  if (EMPTY.test(text)) {
    if (typeof label === 'object') return label.empty;
    const word = noun(name);
    return `Enter ${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
  }
  const type = /^Invalid input: expected (\w+)/.exec(text);
  if (type) return `${subject} must be ${TYPE_WORDS[type[1]!] ?? type[1]}`;
  const size = /^Too (big|small): expected (string|number|array) to (?:have|be) ([<>]=?)(-?[\d.e+]+)/.exec(text);
  if (size) {
    const [, , kind, op, bound] = size;
    const most = op!.startsWith('<');
    if (kind === 'string') return `${subject} must be at ${most ? 'most' : 'least'} ${bound} characters`;
    if (kind === 'array') return `${subject} may have at ${most ? 'most' : 'least'} ${bound} items`;
    return `${subject} must be ${most ? 'at most' : 'at least'} ${bound}`;
  }
  if (/^Invalid option/.test(text)) return `Choose one of the offered values for ${noun(name)}`;
  if (/^Invalid email/i.test(text)) return `Enter a valid email address`;
  // "must not contain control characters": the message names no subject, the label does.
  if (/^(must|may|is|are|should|cannot|can't) /.test(text)) return `${subject} ${text}`;
  return capitalise(text);
}

/** The form field a path belongs to: itself, or the nearest parent the form has ("to.3" → "to"). */
function fieldOf<F extends string>(path: string, labels: Record<F, FieldLabel>): F | null {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.');
    if (Object.hasOwn(labels, candidate)) return candidate as F;
  }
  return null;
}

/** What a failed request means for a form whose fields are `labels` (body path → label). */
export function formErrors<F extends string>(error: unknown, labels: Record<F, FieldLabel>): FormErrors<F> {
  if (error === null || error === undefined) return NONE;
  if (!(error instanceof ApiRequestError)) {
    // fetch rejects with a TypeError when the server cannot be reached at all.
    return { fields: {}, summary: ['Could not reach Observatory. Check the connection and try again.'] };
  }
  // Not a sign-in's "wrong email or password" (invalid_credentials): the session is gone.
  if (error.status === 401 && error.code === 'unauthorized') {
    return { fields: {}, summary: ['Your session has ended. Sign in again to continue.'] };
  }
  const fields: Partial<Record<F, string>> = {};
  const summary: string[] = [];
  for (const detail of error.details) {
    const field = fieldOf(detail.path, labels);
    if (field === null) summary.push(plainWords(detail.message));
    else fields[field] ??= plainWords(detail.message, labels[field]);
  }
  // The message repeats the first detail; it is shown only when no detail said it.
  if (error.details.length === 0) {
    const field = fieldOf(/^([\w.]+): /.exec(error.message)?.[1] ?? '', labels);
    if (field !== null) fields[field] = plainWords(error.message, labels[field]);
    else summary.push(plainWords(error.message));
  }
  return { fields, summary: [...new Set(summary)] };
}

/** A failed action that has no form (a button, a confirmation): its problems in one line, or null. */
export function errorText(error: unknown): string | null {
  const { summary } = formErrors(error, {});
  return summary.length ? summary.join(' ') : null;
}
