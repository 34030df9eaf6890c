/**
 * Phase timings of one request, in milliseconds since the request started, cumulative like
 * curl's `-w` times: DNS answered, TCP connected, TLS handshake done, first response byte, body
 * complete. So dnsMs ≤ connectMs ≤ tlsMs ≤ firstByteMs ≤ totalMs; a phase that does not happen
 * (no lookup for an address literal, no TLS over http) takes no time and equals the one before.
 */
import { performance } from 'node:perf_hooks';

export type PhaseTimings = { dnsMs: number; connectMs: number; tlsMs: number; firstByteMs: number; totalMs: number };

const ORDER = ['dnsMs', 'connectMs', 'tlsMs', 'firstByteMs', 'totalMs'] as const;

/** Marks phases as their socket events arrive; `now` is injectable for tests of the arithmetic. */
export class PhaseClock {
  private readonly start: number;
  private readonly marks: Partial<PhaseTimings> = {};

  constructor(private readonly now: () => number = () => performance.now()) {
    this.start = now();
  }

  /** Records a phase once; later marks of the same phase (another address tried) are ignored. */
  mark(phase: keyof PhaseTimings): void {
    this.marks[phase] ??= Math.max(0, this.now() - this.start);
  }

  has(phase: keyof PhaseTimings): boolean {
    return this.marks[phase] !== undefined;
  }

  /**
   * The phases reached so far. A phase that was skipped although a later one happened takes the
   * previous phase's time; phases not reached are absent (a failed request's partial timings).
   */
  snapshot(): Partial<PhaseTimings> {
    const last = ORDER.reduce((n, phase, i) => (this.marks[phase] !== undefined ? i : n), -1);
    const out: Partial<PhaseTimings> = {};
    let previous = 0;
    ORDER.forEach((phase, i) => {
      if (i > last) return;
      previous = this.marks[phase] ?? previous;
      out[phase] = previous;
    });
    return out;
  }

  /** Every phase, the request having completed. */
  complete(): PhaseTimings {
    this.mark('totalMs');
    return this.snapshot() as PhaseTimings;
  }
}

/** The time spent in each phase, for metrics that want durations rather than points in time. */
export function phaseDurations(t: PhaseTimings) {
  return {
    dnsMs: t.dnsMs,
    connectMs: t.connectMs - t.dnsMs,
    tlsMs: t.tlsMs - t.connectMs,
    /** Request sent until the first byte of the answer: mostly the server's own time. */
    serverMs: t.firstByteMs - t.tlsMs,
    transferMs: t.totalMs - t.firstByteMs,
    totalMs: t.totalMs,
  };
}
