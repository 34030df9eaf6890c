'use client';

import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatBytes } from '@/components/observatory/format';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatDateTime } from '@/lib/format/time';
import { formatCount, formatMs, formatPercent } from '@/lib/format/numbers';
import type { RequestDetail } from '@/lib/queries/requests';
import { endpointsView, endpointView, type ViewState } from '@/lib/views';
import { Badge } from '../ui/Badge';
import { Card } from '../ui/Card';
import { describeStatus } from './status';

const REASONS: Record<RequestDetail['request']['reason'], string> = {
  error: 'it failed (5xx): every failed request is kept, up to 5 per route and minute',
  slow: 'it was the slowest of its route in its minute so far (up to 5 per route and minute)',
  sample: 'it is one of every hundred of the rest (up to 6 per route and minute)',
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-fg-muted">{label}</dt>
      <dd className="mt-0.5 break-words text-sm text-fg">{children}</dd>
    </div>
  );
}

const none = <span className="text-fg-muted">not sent</span>;

/** How the request compares with its route's p95 in the hour around it, in words. */
function comparedWithRoute(durationMs: number, around: RequestDetail['around']): string {
  if (around.p95 === null || around.requests === 0) return 'No other requests of this route in the hour around it.';
  const ratio = durationMs / around.p95;
  const relation =
    ratio >= 1.05
      ? `${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}× the route's p95`
      : ratio >= 0.95
        ? "about the route's p95"
        : durationMs > (around.p50 ?? Infinity)
          ? "between the route's p50 and p95"
          : "under the route's p50";
  return `${relation} in the hour around it (p50 ${formatMs(around.p50)}, p95 ${formatMs(around.p95)}, ${formatCount(around.requests)} requests).`;
}

/** Everything kept about one request, and links to its route at the time. */
export function RequestDetailView({ detail, projectSlug }: { detail: RequestDetail; projectSlug: string }) {
  const zone = useTimeZone();
  const { request: r, around } = detail;
  const atTheTime: ViewState = {
    project: projectSlug,
    period: 'custom',
    from: around.range.from,
    to: around.range.to,
    compare: false,
  };
  const routeHref = `/endpoints/route?${endpointView.search({ ...atTheTime, service: r.service, method: r.method, route: r.route })}`;
  const listHref = `/endpoints?${endpointsView.search({ ...atTheTime, service: r.service, method: null, q: null })}`;
  const failed = r.status >= 500;

  return (
    <div className="space-y-6">
      <Link href={routeHref} className="inline-flex items-center gap-1 text-sm text-accent hover:underline">
        <ArrowLeft className="h-4 w-4" aria-hidden /> {r.method} {r.route} at the time
      </Link>
      <Card>
        <div className="space-y-4">
          <h2 className="flex min-w-0 flex-wrap items-center gap-2 text-lg font-semibold text-fg">
            <span className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-xs text-fg-muted">{r.method}</span>
            <span className="min-w-0 break-all font-mono" data-testid="request-path">
              {r.path}
            </span>
            <Badge tone={failed ? 'poor' : r.status >= 400 ? 'warn' : 'good'}>{describeStatus(r.status)}</Badge>
          </h2>
          <p className="text-sm text-fg" data-testid="request-compared">
            <span className="text-2xl font-semibold tabular-nums">{formatMs(r.durationMs)}</span>:{' '}
            {comparedWithRoute(r.durationMs, around)}
          </p>
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <Field label="Time">{formatDateTime(r.ts, zone, { year: true, precise: true })}</Field>
            <Field label="Service">{r.service}</Field>
            <Field label="Route">
              <span className="font-mono text-xs">{r.route}</span>
            </Field>
            <Field label="Database time">
              {r.dbTimeMs === null
                ? none
                : `${formatMs(r.dbTimeMs)} (${formatPercent(r.durationMs > 0 ? r.dbTimeMs / r.durationMs : null)} of the request)`}
            </Field>
            <Field label="Database queries">{r.dbQueries === null ? none : formatCount(r.dbQueries)}</Field>
            <Field label="Cache">{r.cache === null ? none : r.cache === 'hit' ? 'hit' : 'miss'}</Field>
            <Field label="Request size">{r.requestBytes === null ? none : formatBytes(r.requestBytes)}</Field>
            <Field label="Response size">{r.responseBytes === null ? none : formatBytes(r.responseBytes)}</Field>
            <Field label="Instance">{r.instance ?? none}</Field>
          </dl>
          <p className="text-xs text-fg-muted">Kept because {REASONS[r.reason]}.</p>
        </div>
      </Card>
      <p className="text-sm">
        <Link href={listHref} className="text-accent hover:underline">
          All routes of {r.service} at the time
        </Link>
      </p>
    </div>
  );
}
