import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Brand } from '@/components/shell/Brand';
import { Badge } from '@/components/ui/Badge';
import { Card } from '@/components/ui/Card';
import { openShare } from '@/lib/shares';

export const metadata: Metadata = { title: 'Shared dashboard', robots: { index: false, follow: false } };

/**
 * A project's read-only public view behind an unguessable, revocable token. It may be embedded
 * in other sites (proxy.ts relaxes frame-ancestors for /share/ only). An unknown or revoked
 * token is a 404, the same as a page that never existed.
 */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const shared = await openShare(token);
  if (!shared) notFound();
  const { project } = shared;
  return (
    <main className="mx-auto max-w-5xl px-4 py-6 md:px-8">
      <header className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <Brand />
        <Badge tone="accent">Read-only shared view</Badge>
      </header>
      <h1 className="text-2xl font-semibold tracking-tight text-fg">{project.name}</h1>
      <p className="mt-1 text-sm text-fg-muted">Performance of {project.name}, shared by its team.</p>
      <Card className="mt-6" title="Dashboards">
        <p className="text-sm text-fg-muted">
          This project has no dashboards to show yet. Response times, throughput, errors and Core Web Vitals appear here
          once Observatory stores the project&apos;s metrics.
        </p>
      </Card>
    </main>
  );
}
