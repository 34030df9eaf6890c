/**
 * Whether a URL may be requested, judged on the URL alone: scheme, credentials, metadata host
 * names, and addresses written into the URL (which are connected to without any DNS lookup).
 * Names are judged again on the addresses DNS returns, when connecting (lookup.ts).
 */
import { addressBytes, classifyBytes, classifyHostName, normaliseHost, type AddressClass } from './address';
import { isAllowed, type AllowList } from './allow';
import { OutboundError } from './errors';

export const ALLOW_SETTING = 'OUTBOUND_ALLOW';

/** What is wrong with an address or name of this class ("a … address"), or null when it may be reached. */
export function refusalFor(c: AddressClass, allowed: boolean): string | null {
  if (c.kind === 'forbidden') return 'a link-local or cloud metadata address';
  if (c.kind === 'private' && !allowed)
    return `a private or loopback address (${c.range}; allow it with ${ALLOW_SETTING})`;
  return null;
}

type Judgement = { url: URL } | { kind: 'invalid' | 'refused'; reason: string };

function judgeUrl(raw: string | URL, allow: AllowList): Judgement {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: 'invalid', reason: 'must be a valid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { kind: 'invalid', reason: 'must be an http:// or https:// URL' };
  }
  if (url.username || url.password) return { kind: 'invalid', reason: 'must not carry a user name or password' };
  const host = normaliseHost(url.hostname);
  const bytes = addressBytes(host);
  const c = bytes ? classifyBytes(bytes) : classifyHostName(host);
  const what = c && refusalFor(c, isAllowed(allow, host, bytes));
  return what ? { kind: 'refused', reason: `must not point at ${what}` } : { url };
}

/** Why a URL may not be requested (null when it may): "must …", to follow a field name. */
export function refuseUrl(raw: string | URL, allow: AllowList): string | null {
  const j = judgeUrl(raw, allow);
  return 'url' in j ? null : j.reason;
}

/** The URL, parsed, or an OutboundError ("invalid" for what is not an http(s) URL, else "refused"). */
export function checkUrl(raw: string | URL, allow: AllowList): URL {
  const j = judgeUrl(raw, allow);
  if ('url' in j) return j.url;
  throw new OutboundError(j.kind, `URL ${j.reason}`);
}
