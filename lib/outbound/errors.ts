/**
 * The one error outbound requests fail with. Messages name the host, never the URL's path or
 * query (webhook URLs are secrets) and never a header value (bearer tokens, signatures).
 */
import type { PhaseTimings } from './timings';

export type OutboundErrorKind =
  /** The URL or an address it resolves to may not be reached (see address.ts). */
  | 'refused'
  /** The request itself is malformed (bad URL, header, method): sending again cannot help. */
  | 'invalid'
  | 'dns'
  | 'connect'
  /** The certificate was not trusted or the handshake failed. */
  | 'tls'
  | 'timeout'
  /** The answer's body exceeded maxBodyBytes; `status` holds its status. */
  | 'body-too-large'
  | 'aborted'
  /** The connection broke after it was made. */
  | 'network';

export class OutboundError extends Error {
  override name = 'OutboundError';
  readonly kind: OutboundErrorKind;
  /** The system's error code (ECONNREFUSED, ENOTFOUND, DEPTH_ZERO_SELF_SIGNED_CERT…), when there is one. */
  readonly code: string | undefined;
  /** The phases reached before the failure (cumulative ms, see timings.ts). */
  timings: Partial<PhaseTimings> = {};
  /** The status of an answer whose body was too large. */
  status: number | undefined;

  constructor(kind: OutboundErrorKind, message: string, code?: string) {
    super(message);
    this.kind = kind;
    this.code = code;
  }

  /** Whether sending again may succeed: network trouble yes; refusals, bad requests and untrusted certificates no. */
  get transient(): boolean {
    return !['refused', 'invalid', 'tls', 'aborted'].includes(this.kind);
  }
}
