'use client';

import { Database } from 'lucide-react';
import Link from 'next/link';
import type { DataOverview } from '@/lib/hooks/useOverview';
import { Card } from '../ui/Card';

const number = new Intl.NumberFormat('en');
const when = (ms: number | null) =>
  ms === null
    ? '–'
    : new Date(ms).toLocaleString('en', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** What is stored, until the charts draw it. */
export function HomeSummary({ overview }: { overview: DataOverview }) {
  const facts: [string, string][] = [
    ['Projects with data', number.format(overview.projects.length)],
    ['Series', number.format(overview.series)],
    ['Raw points', number.format(overview.points)],
    ['From', when(overview.from)],
    ['To', when(overview.to)],
  ];
  return (
    <Card title="Stored data" action={<Database className="h-4 w-4 text-fg-muted" aria-hidden />}>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-4 sm:grid-cols-3 lg:grid-cols-5">
        {facts.map(([label, value]) => (
          <div key={label} className="min-w-0">
            <dt className="text-xs text-fg-muted">{label}</dt>
            <dd className="mt-0.5 text-lg font-semibold break-words text-fg tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <ul aria-label="Projects with data" className="mt-5 space-y-1 border-t border-border pt-4 text-sm">
        {overview.projects.map((p) => (
          <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-x-3">
            <span className="font-medium text-fg">{p.name}</span>
            <span className="text-fg-muted">
              <code className="font-mono text-xs">{p.slug}</code> · {number.format(p.series)} series
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-4 text-xs text-fg-muted">
        Read it with <code className="font-mono">GET /api/v1/query/stats</code>,{' '}
        <code className="font-mono">timeseries</code> and <code className="font-mono">top</code>; manage projects under{' '}
        <Link href="/settings/projects" className="text-accent underline-offset-2 hover:underline">
          Settings → Projects
        </Link>
        .
      </p>
    </Card>
  );
}
