/**
 * A stand-in for Observatory's ingestion API on 127.0.0.1: a real HTTP server that records every request it
 * gets (path, headers, parsed body, arrival time) and answers as a test scripts it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The body's size, its text as received and its parsed JSON. */
  bytes: number;
  raw: string;
  body: { requests?: Record<string, unknown>[]; points?: Record<string, unknown>[] };
  at: number;
};

export type Answer = { status: number; headers?: Record<string, string>; body?: unknown };

/** What to answer the n-th request (0-based); default 202 `{ accepted }`. */
export type Script = (n: number, got: Received) => Answer | undefined;

export type Receiver = {
  url: string;
  got: Received[];
  /** Every item received, in arrival order, over all requests. */
  items(): Record<string, unknown>[];
  close(): Promise<void>;
};

export async function startReceiver(script: Script = () => undefined): Promise<Receiver> {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const entry: Received = {
        path: req.url ?? '',
        headers: req.headers,
        bytes: raw.length,
        raw: raw.toString('utf8'),
        body: JSON.parse(raw.toString('utf8')) as Received['body'],
        at: Date.now(),
      };
      got.push(entry);
      const count = (entry.body.requests ?? entry.body.points ?? []).length;
      const answer = script(got.length - 1, entry) ?? { status: 202, body: { accepted: count } };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body ?? { error: { code: 'scripted', message: `scripted ${answer.status}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    got,
    items: () => got.flatMap((g) => g.body.requests ?? g.body.points ?? []),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits until `check` holds, polling; fails with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  for (const deadline = Date.now() + ms; !check();) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
