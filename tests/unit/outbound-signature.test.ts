/**
 * The timestamped request signature: what a receiver accepts, and every way a captured, altered
 * or forged request is refused without the verifier throwing.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { legacySignature, signatureHeaders, verifySignature } from '@/lib/outbound';

const SECRET = 'a-webhook-signing-secret';
const BODY = '{"status":"firing","alerts":[{"labels":{"alertname":"p95"}}]}';
const SENT = Date.UTC(2027, 0, 1, 12, 0, 0);
const T = SENT / 1000;

describe('signatureHeaders', () => {
  it('signs "<unix seconds>.<body>" and carries the timestamp twice', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signatureHeaders(SECRET, BODY, SENT + 999)).toEqual({
      'x-observatory-timestamp': String(T),
      'x-observatory-signature-256': `t=${T},v1=${expected}`,
    });
    expect(signatureHeaders(SECRET, Buffer.from(BODY), SENT)).toEqual(signatureHeaders(SECRET, BODY, SENT));
  });

  it('keeps the old body-only signature', () => {
    expect(legacySignature(SECRET, BODY)).toBe(`sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`);
  });
});

describe('verifySignature', () => {
  const headers = signatureHeaders(SECRET, BODY, SENT);
  const at = (ms: number) => ({ now: ms });

  it('accepts what was sent, as Node headers, fetch Headers, string or bytes, within the tolerance', () => {
    expect(verifySignature(SECRET, headers, BODY, at(SENT))).toEqual({ ok: true, timestamp: T });
    expect(verifySignature(SECRET, new Headers(headers), Buffer.from(BODY), at(SENT + 299_000)).ok).toBe(true);
    expect(
      verifySignature(SECRET, { 'X-Observatory-Signature-256': headers['x-observatory-signature-256'] }, BODY, at(SENT))
        .ok,
    ).toBe(true);
    expect(verifySignature(SECRET, headers, BODY, { now: SENT + 3_599_000, toleranceSec: 3_600 }).ok).toBe(true);
  });

  it('refuses a replay once the timestamp is older than the tolerance', () => {
    expect(verifySignature(SECRET, headers, BODY, at(SENT + 301_000))).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature(SECRET, headers, BODY, { now: SENT + 61_000, toleranceSec: 60 })).toEqual({
      ok: false,
      reason: 'stale',
    });
  });

  it('refuses a timestamp too far in the future', () => {
    const ahead = signatureHeaders(SECRET, BODY, SENT + 301_000);
    expect(verifySignature(SECRET, ahead, BODY, at(SENT))).toEqual({ ok: false, reason: 'future' });
    expect(verifySignature(SECRET, signatureHeaders(SECRET, BODY, SENT + 299_000), BODY, at(SENT)).ok).toBe(true);
  });

  it('refuses an altered body, another secret, and a timestamp moved without re-signing', () => {
    expect(verifySignature(SECRET, headers, BODY.replace('firing', 'resolved'), at(SENT))).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifySignature(SECRET, headers, `${BODY} `, at(SENT)).ok).toBe(false);
    expect(verifySignature(SECRET, signatureHeaders('another-secret', BODY, SENT), BODY, at(SENT))).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    const moved = headers['x-observatory-signature-256'].replace(`t=${T}`, `t=${T + 100}`);
    expect(verifySignature(SECRET, { 'x-observatory-signature-256': moved }, BODY, at(SENT))).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('accepts any one of several v1 values (a sender rotating its secret)', () => {
    const other = signatureHeaders('old-secret', BODY, SENT)['x-observatory-signature-256'].split(',')[1];
    const both = `${headers['x-observatory-signature-256']},${other}`;
    expect(verifySignature('old-secret', { 'x-observatory-signature-256': both }, BODY, at(SENT)).ok).toBe(true);
    expect(verifySignature(SECRET, { 'x-observatory-signature-256': both }, BODY, at(SENT)).ok).toBe(true);
  });

  const v1 = headers['x-observatory-signature-256'].split(',')[1]!;
  it.each([
    [{}, 'missing'],
    [{ 'x-observatory-signature-256': '' }, 'missing'],
    [{ 'x-observatory-signature': legacySignature(SECRET, BODY) }, 'missing'],
    [{ 'x-observatory-signature-256': 'garbage' }, 'malformed'],
    [{ 'x-observatory-signature-256': v1 }, 'malformed'],
    [{ 'x-observatory-signature-256': `t=${T}` }, 'malformed'],
    [{ 'x-observatory-signature-256': `t=${T},v1` }, 'malformed'],
    [{ 'x-observatory-signature-256': `t=soon,${v1}` }, 'malformed'],
    [{ 'x-observatory-signature-256': `t=-${T},${v1}` }, 'malformed'],
    [{ 'x-observatory-signature-256': `t=1e9,${v1}` }, 'malformed'],
    [{ 'x-observatory-signature-256': `t=${T},v1=zz` }, 'mismatch'],
    [{ 'x-observatory-signature-256': `t=${T},v1=${'0'.repeat(64)}` }, 'mismatch'],
    [{ 'x-observatory-signature-256': `t=${T},v1=${'ab'.repeat(600)}` }, 'malformed'],
    [{ 'x-observatory-signature-256': `t=${T},${v1}`, 'x-observatory-timestamp': String(T + 1) }, 'malformed'],
    [{ 'x-observatory-signature-256': [`t=${T},${v1}`, 'second'] }, 'ok'],
  ])('judges %j as %s without throwing', (bag, reason) => {
    const result = verifySignature(SECRET, bag, BODY, at(SENT));
    expect(result.ok ? 'ok' : result.reason).toBe(reason);
  });
});
