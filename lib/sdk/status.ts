/**
 * The status a route handler's outcome is served with: a Response's own, or for a thrown error what Next.js
 * turns it into (redirect() → 307/308, notFound()/forbidden()/unauthorized() → 404/403/401, anything else 500).
 * Pure, so the SDK and in-process instrumentation can share them.
 */

function isStatus(value: number): boolean {
  return Number.isInteger(value) && value >= 100 && value <= 599;
}

/** The status Next.js answers with when a route handler throws `error`. */
export function statusOfThrown(error: unknown): number {
  const digest =
    typeof error === 'object' && error !== null && 'digest' in error && typeof error.digest === 'string'
      ? error.digest
      : '';
  // `NEXT_REDIRECT;replace;/url;307;` (the URL may hold semicolons) and `NEXT_HTTP_ERROR_FALLBACK;404`.
  const parts = digest.length <= 4096 ? digest.split(';') : [];
  if (parts[0] === 'NEXT_REDIRECT') {
    const status = Number(parts.at(-2));
    if (isStatus(status)) return status;
  }
  if (parts[0] === 'NEXT_HTTP_ERROR_FALLBACK') {
    const status = Number(parts[1]);
    if (isStatus(status)) return status;
  }
  return 500;
}

/** A handler's result: its status when it is a Response, 500 for anything else (Next.js refuses it too). */
export function statusOfResult(result: unknown): number {
  return result instanceof Response && isStatus(result.status) ? result.status : 500;
}

/** A Content-Length header as a byte count, when there is a plain one. */
export function contentLength(value: string | number | string[] | null | undefined): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,13}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}
