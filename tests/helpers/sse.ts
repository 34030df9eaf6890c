/**
 * A Server-Sent Events client for tests: a plain HTTP request whose body is parsed into events
 * as they arrive, so a test can wait for the next one with a deadline. Closing it closes the
 * connection, as a browser closing an EventSource does.
 */
import http from 'node:http';
export type SseEvent = { event: string; data: string };

export type SseConnection = {
  status: number;
  headers: Headers;
  /** The next event (comments skipped), or null once the stream has ended. Rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseEvent | null>;
  /** Every event that arrives within `ms`. */
  collect(ms: number): Promise<SseEvent[]>;
  close(): void;
};

export async function connectSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const agent = new http.Agent({ keepAlive: false });
  const { req, res } = await new Promise<{ req: http.ClientRequest; res: http.IncomingMessage }>((resolve, reject) => {
    const req = http.get(url, { agent, headers: { accept: 'text/event-stream', ...headers } }, (res) =>
      resolve({ req, res }),
    );
    req.on('error', reject);
  });
  const queue: SseEvent[] = [];
  let buffer = '';
  let ended = false;
  const chunks: Buffer[] = [];
  let wake: (() => void) | null = null;
  res.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    wake?.();
  });
  const finished = () => {
    ended = true;
    wake?.();
  };
  res.on('end', finished);
  res.on('close', finished);
  res.on('error', finished);
  const decoder = new TextDecoder();

  const parse = () => {
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      let fields = 0;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        fields++;
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (fields && data.length) queue.push({ event, data: data.join('\n') });
    }
  };

  /** Parses what has arrived, or waits for more (or the end). */
  const readMore = async () => {
    if (chunks.length === 0 && !ended) await new Promise<void>((r) => (wake = r));
    wake = null;
    for (const chunk of chunks.splice(0)) buffer += decoder.decode(chunk, { stream: true });
    parse();
  };

  const next = async (timeoutMs = 10_000): Promise<SseEvent | null> => {
    const deadline = Date.now() + timeoutMs;
    while (queue.length === 0 && !ended) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([readMore(), new Promise((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
    }
    return queue.shift() ?? null;
  };

  const collect = async (ms: number): Promise<SseEvent[]> => {
    const out: SseEvent[] = [];
    const deadline = Date.now() + ms;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return out;
      try {
        const e = await next(left);
        if (!e) return out;
        out.push(e);
      } catch {
        return out;
      }
    }
  };

  const headerList = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) headerList.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return {
    status: res.statusCode ?? 0,
    headers: headerList,
    next,
    collect,
    close: () => {
      req.destroy();
      agent.destroy();
    },
  };
}
