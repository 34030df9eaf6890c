/**
 * Extra certificate authorities: the installation's (OUTBOUND_CA_FILE) and a request's own (`ca`),
 * trusted in addition to Node's bundled roots. Certificate checks are never turned off.
 */
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates in a PEM text; throws a message naming what is wrong (no certificate, one unreadable). */
export function parseCertificates(pem: string): string[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new Error('holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch {
      throw new Error(`certificate ${i + 1} of ${blocks.length} cannot be read`);
    }
  });
  return blocks;
}

const MAX_CONTEXTS = 32;
const contexts = new Map<string, tls.SecureContext>();

/**
 * A secure context trusting Node's roots plus `extra` (PEM certificates), built once per distinct
 * set: parsing the roots costs milliseconds. Undefined when there is nothing extra (Node's default).
 */
export function secureContextFor(extra: readonly string[]): tls.SecureContext | undefined {
  if (extra.length === 0) return undefined;
  const key = extra.join('\n');
  let context = contexts.get(key);
  if (!context) {
    context = tls.createSecureContext({ ca: [...tls.rootCertificates, ...extra] });
    if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value!);
    contexts.set(key, context);
  }
  return context;
}
