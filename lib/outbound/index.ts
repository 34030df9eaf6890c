/**
 * Every HTTP request Observatory makes to the outside world goes through here: address checks
 * with DNS pinning, timeouts, a body cap, phase timings, retries, signatures. `request` and
 * `requestWithRetries` take the allow-list (OUTBOUND_ALLOW) and the installation's CAs
 * (OUTBOUND_CA_FILE) from the configuration unless a caller passes its own list.
 */
import 'server-only';
import { getConfig } from '../config';
import { parseAllowList, type AllowList } from './allow';
import { send, type OutboundRequest, type OutboundResponse } from './request';
import { DEFAULT_RETRY, sendWithRetries, type RetryHooks, type RetryPolicy } from './retry';

export { classifyAddress, classifyHostName, type AddressClass, type AddressKind } from './address';
export { EMPTY_ALLOW_LIST, isAllowed, parseAllowList, type AllowList } from './allow';
export { OutboundError, type OutboundErrorKind } from './errors';
export type { Resolver } from './lookup';
export { METHODS, type Method, type OutboundRequest, type OutboundResponse } from './request';
export {
  DEFAULT_RETRY,
  backoffMs,
  retryDelayMs,
  retryableStatus,
  sendOutcome,
  statusOutcome,
  withRetries,
  type Outcome,
  type RetryHooks,
  type RetryPolicy,
  type RetryResult,
} from './retry';
export {
  LEGACY_SIGNATURE_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  legacySignature,
  signatureHeaders,
  verifySignature,
  type Verification,
} from './signature';
export { phaseDurations, type PhaseTimings } from './timings';
export { refuseUrl } from './url';

export type OutboundSettings = { allow: AllowList; ca: string | undefined };

let settings: { from: object; value: OutboundSettings } | undefined;

/** The installation's allow-list and extra CAs, from the configuration. */
export function outboundSettings(): OutboundSettings {
  const config = getConfig();
  if (settings?.from !== config) {
    if (config.ALERTS_OUTBOUND_ALLOW.length > 0) {
      console.warn('ALERTS_OUTBOUND_ALLOW is deprecated: move its entries to OUTBOUND_ALLOW (both are read for now).');
    }
    settings = { from: config, value: { allow: parseAllowList(config.outbound.allow), ca: config.outbound.ca } };
  }
  return settings.value;
}

/** A request as callers write it: the allow-list defaults to the installation's. */
export type RequestOptions = Omit<OutboundRequest, 'allow' | 'installationCa'> & { allow?: AllowList };

function withSettings(req: RequestOptions): OutboundRequest {
  const s = outboundSettings();
  return { ...req, allow: req.allow ?? s.allow, installationCa: s.ca };
}

/** One attempt; resolves with any HTTP status, rejects with OutboundError. */
export function request(req: RequestOptions): Promise<OutboundResponse> {
  return send(withSettings(req));
}

/** With retries (retry.ts); resolves with the last answer and the attempts it took. */
export function requestWithRetries(
  req: RequestOptions,
  policy: RetryPolicy = DEFAULT_RETRY,
  hooks?: RetryHooks,
): Promise<OutboundResponse & { attempts: number }> {
  return sendWithRetries(withSettings(req), policy, hooks);
}
