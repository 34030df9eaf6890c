/**
 * The HTTP server around Next.js, started by `npm start` and `npm run dev` (scripts/start.ts).
 * It exists for what Next.js's own server cannot do:
 * - decide the client's address and scheme from the socket (and trusted proxies only), and hand
 *   them to route handlers in headers no client can set (lib/http/client-ip.ts, origin.ts);
 * - stop gracefully: on SIGTERM/SIGINT stop accepting, let requests in flight finish.
 */
import http from 'node:http';
import next from 'next';
import { parseConfig } from '../lib/config';
import { ROOT } from '../lib/db/schema-files';
import { CLIENT_IP_HEADER, resolveClientIp } from '../lib/http/client-ip';
import { PROTO_HEADER, resolveProto } from '../lib/http/origin';
import { runDrainingHooks, runShutdownHooks } from '../lib/shutdown';
import { BUILT_CONFIG_ENV, builtNextConfig } from './lib/next-config';

const SHUTDOWN_GRACE_MS = 10_000;
const dev = process.argv.includes('--dev');
const config = parseConfig(process.env, ROOT);

// In production Next.js takes the config the build resolved instead of compiling next.config.ts
// with SWC at start. A value already set is kept: bench/idle-memory.ts sets it empty (which Next
// treats as unset) to measure what reading the file costs.
if (!dev && process.env[BUILT_CONFIG_ENV] === undefined) {
  try {
    process.env[BUILT_CONFIG_ENV] = builtNextConfig(ROOT);
  } catch (err) {
    console.error(`observatory: ${(err as Error).message}`);
    process.exit(1);
  }
}

const app = next({ dev, dir: ROOT, hostname: config.HOST, port: config.PORT, turbopack: dev });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  const forwarded = req.headers['x-forwarded-for'];
  req.headers[CLIENT_IP_HEADER] = resolveClientIp(
    req.socket.remoteAddress,
    Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
    config.TRUST_PROXY_HOPS,
  );
  const proto = req.headers['x-forwarded-proto'];
  req.headers[PROTO_HEADER] = resolveProto(Array.isArray(proto) ? proto.join(',') : proto, config.TRUST_PROXY_HOPS);
  void handle(req, res);
});

// Idle keep-alive connections stay open longer than the clients and proxies in front usually
// keep theirs (60 s is the common load-balancer default). With Node's 5 s, a client reusing a
// connection just as the server closed it got ECONNRESET on a request the server never read
// (seen under sustained ingestion from a few busy connections and many idle ones).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.on('error', (err: NodeJS.ErrnoException) => {
  const why =
    err.code === 'EADDRINUSE'
      ? 'the port is already in use'
      : err.code === 'EACCES'
        ? 'permission denied'
        : err.message;
  console.error(`observatory: cannot listen on ${config.HOST}:${config.PORT} (${why})`);
  process.exit(1);
});

server.listen(config.PORT, config.HOST, () => {
  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  console.log(`observatory: listening on http://${shown}:${config.PORT}${dev ? ' (development)' : ''}`);
});

let stopping = false;
function shutdown(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.log(`observatory: ${signal} received, finishing requests in flight`);
  const force = setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS);
  force.unref();
  // Requests in flight hold their points until committed, so closing the server flushes the
  // writer; the background jobs finish the run they are in.
  server.close(() => void runShutdownHooks().finally(() => process.exit(0)));
  // Live event streams never finish by themselves: they end now, telling clients to reconnect.
  runDrainingHooks();
  // Keep-alive connections whose last request finishes after this point close as they go idle.
  server.closeIdleConnections();
  setInterval(() => server.closeIdleConnections(), 100).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
