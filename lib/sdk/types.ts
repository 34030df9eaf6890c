/** The public types of the server SDK. Nothing here depends on the rest of Observatory. */

export type MetricKind = 'distribution' | 'counter' | 'gauge';

/** One served request, as `POST /api/v1/requests` takes it (the service comes from the reporter). */
export type RequestInput = {
  /** The route template (`/users/[id]`); a raw path is turned into one by the server. */
  route: string;
  /** The path as requested (`/users/42`): shown on the request's page for the slowest and failed requests. Its query is dropped. */
  path?: string;
  method: string;
  status: number;
  durationMs: number;
  dbTimeMs?: number;
  dbQueries?: number;
  cacheHit?: boolean;
  requestBytes?: number;
  responseBytes?: number;
  /** When the request was served: a Date or milliseconds since the epoch. Default: when it is recorded. */
  ts?: number | Date;
};

/** A deploy of the reporter's service, as `POST /api/v1/deployments` takes it. */
export type DeploymentInput = {
  /** As you name releases: a tag, a build number (at most 100 characters). */
  version: string;
  /** Default `production`; a letter, then letters, digits and `_ . : -` (at most 50). */
  environment?: string;
  /** The commit it was built from: 7 to 64 hexadecimal digits. */
  commit?: string;
  /** When it went out: a Date or milliseconds since the epoch. Default: now. */
  ts?: number | Date;
};

/** The stored marker's id (`created` false: the same version and environment were sent before), or why it is not stored. */
export type DeploymentResult = { ok: true; id: number; created: boolean } | { ok: false; error: string };

export type TagValue = string | number | boolean;
export type Tags = Record<string, TagValue>;

export type MetricOptions = {
  /** Default `gauge`, as the API's. */
  kind?: MetricKind;
  unit?: string;
  ts?: number | Date;
};

export type RetryOptions = {
  /** Attempts per batch, the first included (default 6). */
  attempts?: number;
  /** The first wait; each later one doubles, with jitter (default 500 ms). */
  baseDelayMs?: number;
  /** The longest wait between attempts, also the most a Retry-After is honoured for (default 30 s). */
  maxDelayMs?: number;
};

export type Logger = { warn: (message: string) => void };

export type ReporterOptions = {
  /** Observatory's base URL, e.g. `https://obs.example.com`. */
  endpoint: string;
  /** A project's ingest key (`obs_…`). */
  key: string;
  /** This service's name: a letter, then letters, digits and `_ . : -` (at most 100). */
  service: string;
  /** This process (host, pod or container), named on request pages; default the HOSTNAME variable when it is such a name. */
  instance?: string;
  /** false: every call is a no-op (local development without Observatory). Default true. */
  enabled?: boolean;
  /** Items per request (default 1,000; at most 5,000, the API's limit). A full batch is sent at once. */
  maxBatchSize?: number;
  /** Bytes per request body (default 512 KiB; at most 1 MiB, the API's limit). */
  maxBatchBytes?: number;
  /** How long an item may wait for its batch to fill (default 1,000 ms). */
  flushIntervalMs?: number;
  /** Items kept while Observatory is slow or down (default 10,000); beyond it the oldest are dropped. */
  maxBuffered?: number;
  /** Bytes kept the same way (default 8 MiB). */
  maxBufferedBytes?: number;
  /** Time limit of one HTTP request (default 10 s); a timeout is retried like a network error. */
  requestTimeoutMs?: number;
  retry?: RetryOptions;
  /** Points older than this are dropped locally: Observatory refuses them (default 30 days less 1 hour). */
  maxAgeMs?: number;
  /** Flush before the process exits on its own (`beforeExit`). Default true. */
  flushOnExit?: boolean;
  /** Flush on SIGTERM, then let the signal act as it would have (see the README). Default false. */
  flushOnSigterm?: boolean;
  /** How long a flush on exit, SIGTERM or `close()` may take (default 5 s). */
  shutdownTimeoutMs?: number;
  /** Where the few warnings go (a refused batch, the first drop of each kind). Default `console`. */
  logger?: Logger;
};

/** Why a recording was dropped before it was buffered: the field at fault, or `record` for the call itself. */
export type InvalidReason =
  | 'record'
  | 'route'
  | 'path'
  | 'method'
  | 'status'
  | 'durationMs'
  | 'dbTimeMs'
  | 'dbQueries'
  | 'cacheHit'
  | 'requestBytes'
  | 'responseBytes'
  | 'ts'
  | 'name'
  | 'value'
  | 'kind'
  | 'unit'
  | 'tags'
  | 'version'
  | 'environment'
  | 'commit';

export type ReporterStats = {
  /** Items accepted into the buffer (a request record or a metric point each). */
  recorded: number;
  /** Items Observatory acknowledged (202). */
  sent: number;
  /** Items waiting to be sent, and in the request under way. */
  buffered: number;
  inFlight: number;
  /** HTTP attempts that were retried. */
  retries: number;
  dropped: {
    /** Invalid values, never buffered; per field in `invalidReasons`. */
    invalid: number;
    /** The oldest items, pushed out by the buffer caps. */
    overflow: number;
    /** Refused by Observatory with a 4xx that retrying cannot fix (400, 401, 403, 404, 413, 415, 422). */
    rejected: number;
    /** Given up on after the last retry. */
    failed: number;
    /** Still unsent when a shutdown's time limit ran out, or recorded after `close()`. */
    shutdown: number;
  };
  invalidReasons: Partial<Record<InvalidReason, number>>;
  /** The last delivery problem (status or network error), without the key. */
  lastError: string | null;
};

export type Reporter = {
  /** Records one served request. Never throws; invalid values are dropped and counted. */
  recordRequest(record: RequestInput): void;
  /** Records one metric point. Never throws; invalid values are dropped and counted. */
  record(name: string, value: number, tags?: Tags, options?: MetricOptions): void;
  /**
   * Times a Next.js App Router route handler: `export const GET = reporter.wrap('/users/[id]', handler)`.
   * The status is the Response's; a thrown error counts as 500 (Next's redirect() and notFound() as theirs)
   * and is thrown on.
   */
  wrap<Req extends Request, Ctx extends unknown[], Res extends Response>(
    route: string,
    handler: (req: Req, ...ctx: Ctx) => Res | Promise<Res>,
  ): (req: Req, ...ctx: Ctx) => Promise<Res>;
  /**
   * For node:http (and Express-style) servers: call when a request arrives; it is recorded when its response
   * finishes (499 when the client went away first). Sizes come from Content-Length headers (the response's
   * when set with setHeader, as frameworks do).
   */
  observe(req: NodeRequestLike, res: NodeResponseLike, options?: ObserveOptions): void;
  /**
   * Marks a deploy of this service now (at start, or from a CI step): drawn on Observatory's charts
   * and named by its regressions. Sent at once, not buffered, retried like batches; the same version
   * and environment sent again is the same marker. Never rejects.
   */
  deployment(input: DeploymentInput): Promise<DeploymentResult>;
  /** Sends everything buffered now; resolves when it is acknowledged or dropped. Never rejects. */
  flush(): Promise<void>;
  /** Stops the timers and exit hooks, flushes (within `shutdownTimeoutMs`); later recordings are dropped. */
  close(): Promise<void>;
  stats(): ReporterStats;
};

/** The parts of node:http's IncomingMessage the helper reads. */
export type NodeRequestLike = {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
};

/** The parts of node:http's ServerResponse the helper reads. */
export type NodeResponseLike = {
  statusCode: number;
  getHeader(name: string): number | string | string[] | undefined;
  once(event: 'finish' | 'close', listener: () => void): unknown;
  writableFinished?: boolean;
};

export type ObserveOptions = {
  /** The route template, or a function of the request read when the response finishes. Default: Express's
   * matched route when there is one, else the path (the server turns `/orders/12` into `/orders/[id]`). */
  route?: string | ((req: NodeRequestLike) => string);
};
