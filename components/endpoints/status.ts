/** What each status class means, in words. */
export const STATUS_TEXT: Record<string, string> = {
  '1xx': 'informational',
  '2xx': 'success',
  '3xx': 'redirect',
  '4xx': 'client error',
  '5xx': 'server error',
};

/** "503 · server error" */
export function describeStatus(status: number): string {
  const text = STATUS_TEXT[`${Math.floor(status / 100)}xx`];
  return text ? `${status} · ${text}` : String(status);
}
