/**
 * DNS pinning: the lookup a connection makes for itself checks every address the name resolves
 * to, and the connection can only use addresses from that one answer. There is no earlier
 * resolution to check and no later one to connect to, so a name that answers a public address
 * first and a private one next (DNS rebinding) gains nothing. One refused address refuses the
 * name: which of several addresses gets connected to is not ours to pick.
 */
import dns from 'node:dns';
import type net from 'node:net';
import { addressBytes, classifyBytes, classifyHostName } from './address';
import { isAllowed, type AllowList } from './allow';
import { OutboundError } from './errors';
import { refusalFor } from './url';

/** Where names are resolved instead of the system's resolver: e.g. a `dns.promises.Resolver` with `setServers`. */
export type Resolver = Pick<dns.promises.Resolver, 'resolve4' | 'resolve6'>;

type Address = { address: string; family: 4 | 6 };

async function resolveWith(resolver: Resolver, host: string, family: number | undefined): Promise<Address[]> {
  const ask = async (f: 4 | 6): Promise<Address[]> => {
    if (family && family !== f) return [];
    try {
      const list = f === 4 ? await resolver.resolve4(host) : await resolver.resolve6(host);
      return list.map((address) => ({ address, family: f }));
    } catch (err) {
      const code = (err as { code?: string }).code;
      // No record of this family is an answer, not a failure, as long as the other family has one.
      if (code === 'ENODATA' || code === 'ENOTFOUND') return [];
      throw err;
    }
  };
  const all = (await Promise.all([ask(4), ask(6)])).flat();
  if (all.length === 0) throw Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' });
  return all;
}

function resolveSystem(host: string, family: number | undefined): Promise<Address[]> {
  return new Promise((resolve, reject) => {
    dns.lookup(host, { all: true, family: family ?? 0 }, (err, list) => {
      if (err) reject(err);
      else resolve(list.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })));
    });
  });
}

/** The first refusal among the addresses a name resolved to, or null when all may be reached. */
export function refuseAddresses(host: string, addresses: readonly string[], allow: AllowList): string | null {
  const byName = classifyHostName(host);
  if (byName?.kind === 'forbidden') return `refused: ${host} is ${refusalFor(byName, false)}`;
  for (const address of addresses) {
    const bytes = addressBytes(address);
    if (!bytes) return `refused: ${host} resolves to something that is not an address`;
    const what = refusalFor(classifyBytes(bytes), isAllowed(allow, host, bytes));
    if (what) return `refused: ${host} resolves to ${address}, ${what}`;
  }
  return null;
}

/** A `lookup` for http.request/net.connect that refuses a name resolving to any refused address. */
export function pinnedLookup(allow: AllowList, resolver: Resolver | undefined): net.LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : undefined;
    const found = resolver ? resolveWith(resolver, hostname, family) : resolveSystem(hostname, family);
    found.then(
      (list) => {
        const refused = refuseAddresses(
          hostname,
          list.map((a) => a.address),
          allow,
        );
        if (refused) return callback(new OutboundError('refused', refused), '', 0);
        if (options.all) return callback(null, list);
        callback(null, list[0]!.address, list[0]!.family);
      },
      (err: NodeJS.ErrnoException) => {
        const error = new OutboundError(
          'dns',
          `${hostname} could not be resolved (${err.code ?? err.message})`,
          err.code,
        );
        callback(error, '', 0);
      },
    );
  };
}
