'use client';

import { Gauge } from 'lucide-react';
import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import { CopyButton } from '../settings/CopyButton';
import { Card } from '../ui/Card';

const noSubscription = () => () => {};

/** The project has no vitals: how to add the browser tracker (the tag Settings → Projects shows). */
export function WebVitalsEmpty({ projectName, siteId }: { projectName: string; siteId: string }) {
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => '',
  );
  const snippet = `<script defer src="${origin}/tracker.js" data-site="${siteId}"></script>`;
  return (
    <Card>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <div className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg bg-accent/10 text-accent">
          <Gauge className="h-5 w-5" aria-hidden />
        </div>
        <div className="min-w-0 flex-1 space-y-4">
          <div className="space-y-1">
            <h2 className="text-base font-semibold text-fg">No Web Vitals recorded for {projectName}</h2>
            <p className="text-sm text-fg-muted">
              Add the tracker to the &lt;head&gt; of your pages, and your site&apos;s origin to the project&apos;s
              allowed origins under{' '}
              <Link href="/settings/projects" className="font-medium text-accent underline-offset-2 hover:underline">
                Settings → Projects
              </Link>
              , where this tag is shown too. Each visit then reports LCP, INP, CLS, FCP and TTFB with its page route and
              device.
            </p>
          </div>
          <pre
            aria-label="Tracker snippet"
            className="rounded-md border border-border bg-surface-muted px-3 py-2 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-fg"
          >
            {snippet}
          </pre>
          <CopyButton text={snippet} label="Copy snippet" />
        </div>
      </div>
    </Card>
  );
}
