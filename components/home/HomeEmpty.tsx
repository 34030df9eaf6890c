'use client';

import { Inbox } from 'lucide-react';
import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import { CopyButton } from '../settings/CopyButton';
import { Card } from '../ui/Card';
import { HomeDemo } from './HomeDemo';

const noSubscription = () => () => {};

/** No project has data yet: how to send some, and (for admins) a demo to look around with. */
export function HomeEmpty({ canLoadDemo }: { canLoadDemo: boolean }) {
  // The origin exists only in the browser; the server renders a placeholder host.
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => 'http://localhost:3000',
  );
  const example = [
    `curl -X POST ${origin}/api/v1/metrics \\`,
    `  -H "x-api-key: $OBSERVATORY_INGEST_KEY" -H 'content-type: application/json' \\`,
    // The body over two lines (JSON allows the line break), so it is not cut off at 1280 px.
    `  -d '{"points":[{"name":"checkout.duration","kind":"distribution",`,
    `       "unit":"ms","value":182,"tags":{"route":"/checkout"}}]}'`,
  ].join('\n');

  return (
    <Card>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <div className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg bg-accent/10 text-accent">
          <Inbox className="h-5 w-5" aria-hidden />
        </div>
        <div className="min-w-0 flex-1 space-y-4">
          <div className="space-y-1">
            <h2 className="text-base font-semibold text-fg">No data yet</h2>
            <p className="text-sm text-fg-muted">
              Send metrics from your services with a project&apos;s ingest key. Create projects and keys under{' '}
              <Link href="/settings/projects" className="font-medium text-accent underline-offset-2 hover:underline">
                Settings → Projects
              </Link>
              ; an answer of 202 means the data is stored.
            </p>
          </div>
          <div className="space-y-2">
            <pre
              aria-label="Example: send one metric with curl"
              className="overflow-x-auto rounded-md border border-border bg-surface-muted px-3 py-2 font-mono text-xs leading-relaxed text-fg"
            >
              {example}
            </pre>
            <CopyButton text={example} label="Copy example" />
          </div>
          <HomeDemo canLoad={canLoadDemo} />
        </div>
      </div>
    </Card>
  );
}
