/**
 * CORS for browser beacons: a site's pages may send them only from the origins its project
 * allows. Answers to an allowed origin name it (never `*`); refusals carry no CORS header, so
 * the refused page's script cannot read them.
 */
export function corsHeaders(origin: string): Record<string, string> {
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

/** The preflight's answer for an allowed origin: a fetch() fallback with a JSON content type. */
export function preflightHeaders(origin: string): Record<string, string> {
  return {
    ...corsHeaders(origin),
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'content-type',
    'Access-Control-Max-Age': '86400',
  };
}
