/**
 * fetch for the browser side of the dashboard: JSON in and out, and the API's one error shape
 * (`{ error: { code, message, details } }`) turned into an ApiRequestError. Its message is the
 * server's own; forms read `details` through lib/form-errors.ts to put each problem at its field.
 */
export type IssueDetail = { path: string; message: string };

export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The problems the server listed, each at a dotted path of the body ("name", "to.0"). */
    readonly details: IssueDetail[] = [],
  ) {
    super(message);
  }
}

/** A body can come from anything between us and the server: lengths are bounded before display. */
const MAX_TEXT = 500;
const MAX_DETAILS = 20;

function clean(value: unknown, max = MAX_TEXT): string | null {
  if (typeof value !== 'string') return null;
  // Control and format characters (newlines, bidi overrides) would garble or disguise the text.
  const text = value.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').trim();
  if (!text) return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The details of an error body: the `[{ path, message }]` validation lists, or `{ field }` that
 * some checks attach to their message. Anything else is dropped.
 */
function detailsOf(details: unknown, message: string): IssueDetail[] {
  if (Array.isArray(details)) {
    return details.slice(0, MAX_DETAILS).flatMap((d: unknown) => {
      const item = d as { path?: unknown; message?: unknown } | null;
      const path = clean(item?.path, 200);
      const text = clean(item?.message);
      return path !== null && text !== null ? [{ path, message: text }] : [];
    });
  }
  const field = clean((details as { field?: unknown } | null)?.field, 200);
  return field ? [{ path: field, message }] : [];
}

/** The API's error answer as an ApiRequestError, whatever the body turned out to be. */
export function apiErrorOf(status: number, body: unknown): ApiRequestError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = clean(error?.code, 64) ?? 'http_error';
  // "invalid body: " locates the problem for API clients; a form's user knows where it is.
  const message = clean(error?.message)?.replace(/^invalid (body|query): /, '') ?? `request failed (HTTP ${status})`;
  return new ApiRequestError(status, code, message, detailsOf(error?.details, message));
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    cache: 'no-store',
    credentials: 'same-origin',
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page): reported by status.
  }
  if (!res.ok) throw apiErrorOf(res.status, json);
  return json as T;
}
