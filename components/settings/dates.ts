const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/** A wire timestamp in the reader's own locale and time zone. Call only in the browser: the server's locale differs. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, DATE_TIME);
}
