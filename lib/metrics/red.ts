/**
 * The RED metrics (rate, errors, duration) every request record becomes, per route: names follow
 * OpenTelemetry's HTTP semantic conventions where one exists. Durations are in milliseconds and
 * body sizes in bytes; requests carry the status class (`2xx`…`5xx`) as a tag.
 */
export const RED_METRICS = {
  duration: 'http.server.request.duration',
  requests: 'http.server.requests',
  errors: 'http.server.errors',
  dbDuration: 'http.server.db.duration',
  dbQueries: 'http.server.db.queries',
  cacheHits: 'http.server.cache.hits',
  cacheMisses: 'http.server.cache.misses',
  requestSize: 'http.server.request.body.size',
  responseSize: 'http.server.response.body.size',
} as const;

/** The tags of a route's series; the duration and request counter also carry `status_class`. */
export const RED_TAGS = ['service', 'route', 'method'] as const;

/** The tag naming the service a series belongs to; each value becomes one of the project's services. */
export const SERVICE_TAG = 'service';

export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

/** The status class that counts as an error (error rate, the errors counter): server errors only. */
export const SERVER_ERROR: StatusClass = '5xx';

/** The methods request records may name (POST /api/v1/requests), in the order forms list them. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
