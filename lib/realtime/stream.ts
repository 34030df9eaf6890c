/**
 * A project's live event stream (Server-Sent Events): `ready` once, then `change` whenever the
 * project has new data (the page refetches what it shows), and a comment every
 * HEARTBEAT_MS so proxies keep the connection and a dead one is noticed. The headers keep
 * compression and proxy buffering out of the way (an event must not wait in a gzip or nginx
 * buffer). The stream ends when the client leaves or the server starts draining.
 */
import { unavailable } from '../http/errors';
import { onDraining } from '../shutdown';
import type { ChangeBus, DataChange } from './bus';

export const HEARTBEAT_MS = 15_000;
/** What EventSource waits before reconnecting on its own (the dashboard's client backs off itself). */
export const RETRY_MS = 2_000;

export const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform: compression middleware (Next.js's included) leaves the body alone.
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

const encoder = new TextEncoder();

export function event(name: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}

const OPEN = Symbol.for('observatory.liveStreams');
const registry = globalThis as unknown as Record<typeof OPEN, { open: number } | undefined>;

/** Streams open in this process (the server's bundles share the count through globalThis). */
export function openStreams(): number {
  return registry[OPEN]?.open ?? 0;
}

/** `max`: streams this process may hold open; one more is refused with 503 (each is an open connection). */
export function liveStream(bus: ChangeBus, projectId: string, signal: AbortSignal, max = Infinity): Response {
  const count = (registry[OPEN] ??= { open: 0 });
  if (count.open >= max) throw unavailable('too many live streams are open on this server; retry shortly', 30);
  count.open += 1;
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (chunk: Uint8Array) => {
        if (closed) return;
        try {
          controller.enqueue(chunk);
        } catch {
          end();
        }
      };
      const unsubscribe = bus.subscribe(projectId, (change: DataChange) => send(event('change', change)));
      const heartbeat = setInterval(() => send(encoder.encode(': keep-alive\n\n')), HEARTBEAT_MS);
      heartbeat.unref();
      const stopDraining = onDraining(() => end());
      function end() {
        if (closed) return;
        closed = true;
        count.open -= 1;
        clearInterval(heartbeat);
        unsubscribe();
        stopDraining();
        signal.removeEventListener('abort', end);
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      }
      cleanup = end;
      signal.addEventListener('abort', end);
      send(encoder.encode(`retry: ${RETRY_MS}\n\n`));
      send(event('ready', { projectId, at: Date.now() }));
      if (signal.aborted) end();
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, { status: 200, headers: STREAM_HEADERS });
}
