/**
 * Idle memory: the production server as `npm start` runs it, on a fresh SQLite file with
 * self-monitoring on, asked /api/health once and then left alone for 30 s; its resident set is
 * then read from /proc three times. The baseline is the same server letting Next.js read
 * next.config.ts itself at start (which compiles it with SWC); the subject hands Next the
 * config the build resolved (scripts/lib/next-config.ts). Starts alternate between the two.
 */
import fs from 'node:fs';
import { parseConfig } from '../lib/config';
import type { Finding } from './harness';
import { startBenchServer } from './http-server';

const READINGS = 3;
const READING_GAP_MS = 2_000;

function rssKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

/** Whether SWC's native binding is mapped into the process: what reading a .ts config costs. */
function swcLoaded(pid: number): boolean {
  return fs.readFileSync(`/proc/${pid}/maps`, 'utf8').includes('next-swc');
}

type Variant = { label: string; env: Record<string, string>; kb: number[]; swc: boolean[] };

async function measure(variant: Variant, idleMs: number): Promise<void> {
  const server = await startBenchServer('sqlite', undefined, variant.env);
  try {
    await new Promise((r) => setTimeout(r, idleMs));
    for (let i = 0; i < READINGS; i++) {
      if (i) await new Promise((r) => setTimeout(r, READING_GAP_MS));
      variant.kb.push(rssKb(server.pid));
    }
    variant.swc.push(swcLoaded(server.pid));
  } finally {
    await server.stop();
  }
}

const mb = (kb: number) => (kb / 1024).toFixed(0);
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
};

function describe(v: Variant): string {
  const swc = v.swc.every(Boolean)
    ? 'SWC loaded'
    : v.swc.some(Boolean)
      ? 'SWC loaded in some starts'
      : 'SWC not loaded';
  return `${v.label}: ${mb(median(v.kb))} MB (readings ${v.kb.map(mb).join(', ')} MB; ${swc})`;
}

export async function idleMemory({ quick = false } = {}): Promise<Finding> {
  const idleMs = quick ? 5_000 : 30_000;
  const rounds = quick ? 1 : 3;
  const baseline: Variant = {
    label: 'baseline, Next.js reading next.config.ts at start',
    // Empty: Next.js treats it as unset and loads the config file; scripts/server.ts keeps a value already set.
    env: { __NEXT_PRIVATE_STANDALONE_CONFIG: '' },
    kb: [],
    swc: [],
  };
  const subject: Variant = { label: 'the config resolved by the build handed over', env: {}, kb: [], swc: [] };
  for (let i = 0; i < rounds; i++) {
    await measure(baseline, idleMs);
    await measure(subject, idleMs);
  }
  const heapMb = parseConfig({ NODE_ENV: 'production', SERVER_HEAP_MB: process.env.SERVER_HEAP_MB }).SERVER_HEAP_MB;
  return {
    name: `Idle memory: server RSS ${idleMs / 1000} s after start and one /api/health, ${READINGS} readings per start, ${rounds} starts each (SQLite, self-monitoring on, SERVER_HEAP_MB=${heapMb})`,
    result: `${describe(subject)}; ${describe(baseline)}; difference ${mb(median(baseline.kb) - median(subject.kb))} MB`,
  };
}
