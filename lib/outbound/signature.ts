/**
 * Signed requests. The signature covers a timestamp and the body, so a captured request cannot be
 * sent again later:
 *
 *   X-Observatory-Timestamp: 1767225600
 *   X-Observatory-Signature-256: t=1767225600,v1=<hex HMAC-SHA256(secret, "1767225600." + body)>
 *
 * Receivers check it with verifySignature (this file needs only node:crypto: copy it). The older
 * `X-Observatory-Signature: sha256=<hex HMAC-SHA256(secret, body)>` carries no timestamp; webhooks
 * still send it for receivers built on it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-observatory-timestamp';
export const SIGNATURE_HEADER = 'x-observatory-signature-256';
export const LEGACY_SIGNATURE_HEADER = 'x-observatory-signature';

function hmac(secret: string, ...parts: (string | Buffer)[]): string {
  const h = createHmac('sha256', secret);
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** The headers signing `body` at `nowMs` (default: now). */
export function signatureHeaders(secret: string, body: string | Buffer, nowMs: number = Date.now()) {
  const t = String(Math.floor(nowMs / 1000));
  return {
    [TIMESTAMP_HEADER]: t,
    [SIGNATURE_HEADER]: `t=${t},v1=${hmac(secret, `${t}.`, body)}`,
  };
}

/** The timestamp-less signature of the first webhooks: `sha256=<hex HMAC-SHA256 of the body>`. */
export function legacySignature(secret: string, body: string | Buffer): string {
  return `sha256=${hmac(secret, body)}`;
}

export type Verification =
  { ok: true; timestamp: number } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'future' | 'mismatch' };

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const bag = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(bag).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : bag[key];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Checks a signed request: `headers` as received (Node's req.headers or a fetch Headers), `body`
 * the raw bytes as received (not re-serialised JSON). Refuses a missing or garbled signature, one
 * made with another secret or over another body, and a timestamp more than `toleranceSec` away
 * from `now` (ms) in either direction. Never throws on what a sender controls.
 */
export function verifySignature(
  secret: string,
  headers: HeaderBag,
  body: string | Buffer,
  { toleranceSec = 300, now = Date.now() }: { toleranceSec?: number; now?: number } = {},
): Verification {
  const signature = header(headers, SIGNATURE_HEADER);
  if (!signature) return { ok: false, reason: 'missing' };
  if (signature.length > 1024) return { ok: false, reason: 'malformed' };
  const fields = signature.split(',').map((part) => part.trim().split('='));
  const t = fields.find(([k]) => k === 't')?.[1];
  const candidates = fields.filter(([k, v]) => k === 'v1' && v !== undefined).map(([, v]) => v!);
  if (!t || !/^\d{1,12}$/.test(t) || candidates.length === 0) return { ok: false, reason: 'malformed' };
  const stamped = header(headers, TIMESTAMP_HEADER);
  if (stamped !== undefined && stamped.trim() !== t) return { ok: false, reason: 'malformed' };
  const timestamp = Number(t);
  const age = now / 1000 - timestamp;
  if (age > toleranceSec) return { ok: false, reason: 'stale' };
  if (age < -toleranceSec) return { ok: false, reason: 'future' };
  const expected = Buffer.from(hmac(secret, `${t}.`, body), 'hex');
  // Several v1 values let a sender rotate its secret; any one matching will do.
  const match = candidates.some((hex) => {
    if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
    return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
  });
  return match ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}
