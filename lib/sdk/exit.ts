/**
 * Flushing when the process ends. `beforeExit` fires when the event loop runs dry (not on process.exit() or a
 * signal); a flush there keeps the loop alive until it is done, then Node fires `beforeExit` again, finds
 * nothing left and exits.
 *
 * SIGTERM is opt-in because listening to it changes what it does: with a listener, Node no longer exits. So the
 * listener flushes and then, when no listener other than ours is left, removes itself and raises SIGTERM again:
 * the process ends as it would have (by the signal), only later. When the application listens to SIGTERM too,
 * its listener decides when to exit and ours only starts the flush. A second SIGTERM during the flush ends the
 * process at once.
 */

export type ExitClient = {
  flushOnExit: boolean;
  flushOnSigterm: boolean;
  hasPending(): boolean;
  shutdownFlush(): Promise<void>;
};

// Shared by every copy of this module (bundlers may load it twice) so each recognises the others' listeners.
const OURS = Symbol.for('observatory.sdk.exit-listener');

type Marked = ((...args: unknown[]) => void) & { [OURS]?: true };

const clients = new Set<ExitClient>();
let terminating = false;

const canListen = () => typeof process === 'object' && typeof process.on === 'function';

const onBeforeExit: Marked = () => {
  for (const client of clients) if (client.flushOnExit && client.hasPending()) void client.shutdownFlush();
};

const onSigterm: Marked = () => {
  if (terminating) return raiseAgain();
  terminating = true;
  const flushes = [...clients].filter((c) => c.flushOnSigterm).map((c) => c.shutdownFlush());
  void Promise.allSettled(flushes).then(raiseAgain);
};
onBeforeExit[OURS] = true;
onSigterm[OURS] = true;

function raiseAgain(): void {
  const othersListen = process.listeners('SIGTERM').some((l) => l !== onSigterm && !(l as Marked)[OURS]);
  if (othersListen) return;
  process.removeListener('SIGTERM', onSigterm);
  process.kill(process.pid, 'SIGTERM');
}

function sync(): void {
  const wantExit = [...clients].some((c) => c.flushOnExit);
  const wantTerm = [...clients].some((c) => c.flushOnSigterm);
  const hasExit = process.listeners('beforeExit').includes(onBeforeExit);
  const hasTerm = process.listeners('SIGTERM').includes(onSigterm);
  if (wantExit && !hasExit) process.on('beforeExit', onBeforeExit);
  if (!wantExit && hasExit) process.removeListener('beforeExit', onBeforeExit);
  if (wantTerm && !hasTerm && !terminating) process.on('SIGTERM', onSigterm);
  if (!wantTerm && hasTerm) process.removeListener('SIGTERM', onSigterm);
}

export function registerExitClient(client: ExitClient): void {
  if (!canListen() || (!client.flushOnExit && !client.flushOnSigterm)) return;
  clients.add(client);
  sync();
}

export function unregisterExitClient(client: ExitClient): void {
  if (!clients.delete(client) || !canListen()) return;
  sync();
}
