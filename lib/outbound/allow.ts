/**
 * The allow-list (OUTBOUND_ALLOW): host names, addresses and CIDR ranges that outbound requests
 * may reach although private. A listed name admits whatever private address it resolves to; a
 * listed address or range admits that address under any name. Forbidden addresses (link-local,
 * cloud metadata) stay refused whatever the list says.
 */
import { addressBytes, embeddedIPv4, inPrefix, normaliseHost, parsePrefix, type Bytes, type Prefix } from './address';

export type AllowList = { readonly names: ReadonlySet<string>; readonly prefixes: readonly Prefix[] };

export const EMPTY_ALLOW_LIST: AllowList = { names: new Set(), prefixes: [] };

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

type Entry = { name: string } | { prefix: Prefix };

function parseEntry(raw: string): Entry | null {
  const text = raw.trim().toLowerCase();
  if (text.includes('/')) {
    const prefix = parsePrefix(text);
    return prefix ? { prefix } : null;
  }
  if (addressBytes(text)) return { prefix: parsePrefix(text)! };
  const name = normaliseHost(text);
  return HOST_NAME.test(name) ? { name } : null;
}

export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Why an entry cannot be on the list (null when it can): for configuration errors. */
export function allowEntryProblem(entry: string): string | null {
  if (entry.length > 253) return `"${entry.slice(0, 40)}..." is too long`;
  return parseEntry(entry) ? null : `"${entry}" is not a host name, IP address or CIDR range (e.g. 10.0.0.0/8)`;
}

/** A list from comma-separated text or entries; throws naming the first entry it cannot read. */
export function parseAllowList(value: string | readonly string[]): AllowList {
  const names = new Set<string>();
  const prefixes: Prefix[] = [];
  for (const raw of typeof value === 'string' ? splitList(value) : value) {
    const entry = parseEntry(raw);
    if (!entry) throw new Error(`allow-list: ${allowEntryProblem(raw)}`);
    if ('name' in entry) names.add(entry.name);
    else prefixes.push(entry.prefix);
  }
  return { names, prefixes };
}

/** Whether `host` (as in the URL) or `address` (what it resolved to) is on the list. */
export function isAllowed(allow: AllowList, host: string, address: Bytes | null): boolean {
  if (allow.names.has(normaliseHost(host))) return true;
  if (!address) return false;
  const embedded = embeddedIPv4(address);
  const inner = embedded ? [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, ...embedded.v4] : null;
  return allow.prefixes.some((p) => inPrefix(address, p) || (inner !== null && inPrefix(inner, p)));
}
