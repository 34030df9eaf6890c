/**
 * fetch for the browser side of the dashboard: JSON in and out, and the API's one error shape
 * turned into an Error whose message is the server's own (shown to the user as is).
 */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type ErrorFields = { code?: string; message?: string; details?: unknown };

/** The server's message, plus the other problems it listed (a form may have several at once). */
function describe(error: ErrorFields | undefined, status: number): string {
  if (!error?.message) return `request failed (HTTP ${status})`;
  const more = Array.isArray(error.details)
    ? (error.details as { path?: unknown; message?: unknown }[])
        .slice(1)
        .filter((d) => typeof d?.path === 'string' && typeof d?.message === 'string')
        .map((d) => `${d.path}: ${d.message}`)
    : [];
  // "invalid body: " locates the problem for API clients; a form's user knows where it is.
  return [error.message.replace(/^invalid (body|query): /, ''), ...more].join('; ');
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
    // Not JSON (a proxy's error page): reported below by status.
  }
  if (!res.ok) {
    const error = (json as { error?: ErrorFields } | null)?.error;
    throw new ApiRequestError(res.status, error?.code ?? 'http_error', describe(error, res.status));
  }
  return json as T;
}
