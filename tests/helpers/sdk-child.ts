/**
 * A service process using the SDK, for the exit-hook tests: records SDK_ITEMS request records for the receiver
 * at SDK_ENDPOINT, then either lets its event loop run dry (`exit`) or serves HTTP until a signal (`sigterm`,
 * with SDK_OWN_SIGTERM=1 adding a handler of the application's own that exits after a moment).
 * Prints `ready` once it has recorded.
 */
import http from 'node:http';
import { createReporter } from '../../lib/sdk/index';

const mode = process.env.SDK_MODE;
const reporter = createReporter({
  endpoint: process.env.SDK_ENDPOINT!,
  key: 'obs_child_key',
  service: 'child',
  flushIntervalMs: 3_600_000,
  flushOnSigterm: mode === 'sigterm',
  retry: { attempts: 3, baseDelayMs: 50 },
});

for (let i = 0; i < Number(process.env.SDK_ITEMS); i++) {
  reporter.recordRequest({ route: '/child', method: 'GET', status: 200, durationMs: i });
}

if (mode === 'sigterm') {
  // Something that keeps the process alive, as a server would.
  const server = http.createServer((_req, res) => res.end('ok'));
  server.listen(0, '127.0.0.1', () => process.stdout.write('ready\n'));
  if (process.env.SDK_OWN_SIGTERM === '1') {
    process.on('SIGTERM', () => {
      server.close();
      setTimeout(() => process.exit(7), 500);
    });
  }
} else {
  process.stdout.write('ready\n');
}
