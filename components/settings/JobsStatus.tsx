import { Badge } from '@/components/ui/Badge';
import { Card } from '@/components/ui/Card';
import type { JobStatus } from '@/lib/jobs/scheduler';

function every(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

/** The background jobs as this instance sees them: who holds each lease and who ran it last. */
export function JobsStatus({ jobs, instance }: { jobs: JobStatus[]; instance: string }) {
  return (
    <Card
      title="Background jobs"
      action={<span className="text-xs text-fg-muted">This instance: {instance}</span>}
      className="max-w-xl"
    >
      <dl className="divide-y divide-border">
        {jobs.map((job) => (
          <div key={job.name} className="flex items-center justify-between gap-4 py-2.5">
            <dt className="text-sm text-fg-muted">
              {job.name} <span className="text-xs">every {every(job.everyMs)}</span>
            </dt>
            <dd className="text-right text-sm text-fg">
              {!job.exclusive ? (
                'runs on every instance'
              ) : !job.lease ? (
                <Badge tone="warn">lease store unreachable</Badge>
              ) : job.lease.holder ? (
                <>running on {job.lease.holder === instance ? 'this instance' : job.lease.holder}</>
              ) : job.lease.lastHolder ? (
                <>last ran on {job.lease.ranHereLast ? 'this instance' : job.lease.lastHolder}</>
              ) : (
                'not run yet'
              )}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
