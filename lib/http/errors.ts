/** The one error shape every API response uses: `{ error: { code, message, details? } }`. */
export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  toResponse(): Response {
    const body: ErrorBody = { error: { code: this.code, message: this.message } };
    if (this.details !== undefined) body.error.details = this.details;
    return Response.json(body, { status: this.status, headers: this.headers });
  }
}

export const badRequest = (message: string, details?: unknown) => new ApiError(400, 'bad_request', message, details);
export const invalid = (message: string, details?: unknown) => new ApiError(422, 'invalid', message, details);
export const unauthorized = (message = 'authentication required') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message = 'not allowed') => new ApiError(403, 'forbidden', message);
export const notFound = (message = 'not found') => new ApiError(404, 'not_found', message);
export const payloadTooLarge = (limit: number) =>
  new ApiError(413, 'payload_too_large', `request body exceeds ${limit} bytes`);
export const unsupportedMediaType = (expected: string) =>
  new ApiError(415, 'unsupported_media_type', `expected Content-Type ${expected}`);
export const unavailable = (message: string, retryAfterSeconds: number) =>
  new ApiError(503, 'unavailable', message, undefined, { 'Retry-After': String(retryAfterSeconds) });
export const conflict = (message: string) => new ApiError(409, 'conflict', message);
