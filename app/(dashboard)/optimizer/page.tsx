import type { Metadata } from 'next';
import Link from 'next/link';
import { ProjectPicker, RunDetection, Time } from '@/components/optimizer/controls';
import { RecommendationCard } from '@/components/optimizer/RecommendationCard';
import { navItem } from '@/components/shell/nav';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/page';
import { RIGHT_ARROW } from '@/lib/chars';
import { loadOptimizerPage, SCORE_WEIGHTS } from '@/lib/optimizer/page-data';

export const metadata: Metadata = { title: 'Optimizer' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OptimizerPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const requested = (await searchParams).project;
  const data = await loadOptimizerPage(typeof requested === 'string' ? requested : null);
  const item = navItem('/optimizer');
  const { project } = data;
  if (!project) {
    return (
      <>
        <PageHeader title={item.label} summary={item.summary} />
        <Card title="No projects yet">
          <p className="text-sm text-fg-muted">
            Create a project under <Link href="/settings/projects">Settings {RIGHT_ARROW} Projects</Link> and send it
            data.
          </p>
        </Card>
      </>
    );
  }
  const weights = Object.entries(SCORE_WEIGHTS)
    .map(([p, w]) => `${w} per ${p}`)
    .join(', ');
  return (
    <>
      <PageHeader title={item.label} summary={item.summary} />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <ProjectPicker projects={data.projects.map((p) => ({ slug: p.slug, name: p.name }))} current={project.slug} />
        <RunDetection project={project.slug} />
      </div>
      <section aria-label="Summary" className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-5">
        <div className="col-span-2 rounded-xl border border-border bg-surface p-4 shadow-sm lg:col-span-1">
          <p className="text-xs text-fg-muted">Optimizer score</p>
          <p className="text-2xl font-semibold text-fg tabular-nums" data-testid="optimizer-score">
            {data.score}
          </p>
          <p className="text-xs text-fg-muted">100 less {weights} open finding</p>
        </div>
        {(['critical', 'high', 'medium', 'low'] as const).map((p) => (
          <div key={p} className="rounded-xl border border-border bg-surface p-4 shadow-sm">
            <p className="text-xs text-fg-muted capitalize">{p}</p>
            <p className="text-2xl font-semibold text-fg tabular-nums" data-testid={`count-${p}`}>
              {data.counts[p]}
            </p>
            <p className="text-xs text-fg-muted">open or in progress</p>
          </div>
        ))}
      </section>
      <p className="mb-4 text-xs text-fg-muted">
        Detection reads the last {data.windowHours} hours of {project.name}; it last ran <Time iso={data.lastRunAt} />{' '}
        and runs every 15 minutes.
      </p>
      <section aria-labelledby="active-heading" className="mb-8">
        <h2 id="active-heading" className="mb-3 text-sm font-semibold text-fg">
          What to fix first ({data.active.length})
        </h2>
        {data.active.length === 0 ? (
          <p className="text-sm text-fg-muted" data-testid="no-findings">
            Nothing to fix: no detector found anything over its threshold in this window.
          </p>
        ) : (
          <div className="grid gap-3">
            {data.active.map((r) => (
              <RecommendationCard key={r.id} r={r} project={project.slug} />
            ))}
          </div>
        )}
      </section>
      {data.fixed.length > 0 && (
        <section aria-labelledby="fixed-heading" className="mb-8">
          <h2 id="fixed-heading" className="mb-3 text-sm font-semibold text-fg">
            Fixed ({data.fixed.length})
          </h2>
          <div className="grid gap-3">
            {data.fixed.map((r) => (
              <RecommendationCard key={r.id} r={r} project={project.slug} />
            ))}
          </div>
        </section>
      )}
      {data.resting.length > 0 && (
        <section aria-labelledby="resting-heading" className="mb-8">
          <h2 id="resting-heading" className="mb-3 text-sm font-semibold text-fg">
            Snoozed, dismissed or no longer found ({data.resting.length})
          </h2>
          <div className="grid gap-3">
            {data.resting.map((r) => (
              <RecommendationCard key={r.id} r={r} project={project.slug} />
            ))}
          </div>
        </section>
      )}
      <Card title="Recent deploys">
        {data.deployments.length === 0 ? (
          <p className="text-sm text-fg-muted">
            None recorded. Send <code>POST /api/v1/deployments</code> from your deploy step (or the SDK&apos;s{' '}
            <code>deployment()</code>): deploys appear on every chart.
          </p>
        ) : (
          <ul className="divide-y divide-border text-sm" data-testid="deployments">
            {data.deployments.map((d) => (
              <li key={d.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2">
                <span className="font-medium break-all text-fg">
                  {d.service} {d.version}
                </span>
                <span className="text-xs text-fg-muted">{d.environment}</span>
                {d.commit && <code className="text-xs text-fg-muted">{d.commit.slice(0, 12)}</code>}
                <span className="ml-auto text-xs text-fg-muted">
                  <Time iso={new Date(d.at).toISOString()} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
