'use client';

import { Inbox } from 'lucide-react';
import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import { CopyButton } from '../settings/CopyButton';
import { Card } from '../ui/Card';

const noSubscription = () => () => {};

/** The project has no request records: how services send them (HTTP API or the server SDK). */
export function EndpointsEmpty({ projectName }: { projectName: string }) {
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => 'http://localhost:3000',
  );
  const curl = [
    `curl -X POST ${origin}/api/v1/requests \\`,
    `  -H "x-api-key: $OBSERVATORY_INGEST_KEY" -H 'content-type: application/json' \\`,
    `  -d '{"requests":[{"service":"shop-api","route":"/orders/1234","method":"GET","status":200,"durationMs":41.5,"dbTimeMs":12}]}'`,
  ].join('\n');
  const sdk = [
    `import { createReporter } from './sdk'; // lib/sdk, copied into your service`,
    ``,
    `const observatory = createReporter({`,
    `  endpoint: '${origin}',`,
    `  key: process.env.OBSERVATORY_INGEST_KEY!,`,
    `  service: 'shop-api',`,
    `});`,
    ``,
    `// Node http / Express: records each request when its response finishes`,
    `observatory.observe(req, res, { route: '/orders/[id]' });`,
  ].join('\n');
  return (
    <Card>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <div className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg bg-accent/10 text-accent">
          <Inbox className="h-5 w-5" aria-hidden />
        </div>
        <div className="min-w-0 flex-1 space-y-4">
          <div className="space-y-1">
            <h2 className="text-base font-semibold text-fg">No requests recorded for {projectName}</h2>
            <p className="text-sm text-fg-muted">
              Endpoints lists the routes your services report. Send each request&apos;s route, method, status and
              duration with the project&apos;s ingest key (create one under{' '}
              <Link href="/settings/projects" className="font-medium text-accent underline-offset-2 hover:underline">
                Settings → Projects
              </Link>
              ); paths such as <code className="font-mono text-xs">/orders/1234</code> become templates like{' '}
              <code className="font-mono text-xs">/orders/[id]</code>.
            </p>
          </div>
          <div className="space-y-2">
            <h3 className="text-sm font-medium text-fg">Over HTTP</h3>
            <pre
              aria-label="Example: send one request record with curl"
              className="overflow-x-auto rounded-md border border-border bg-surface-muted px-3 py-2 font-mono text-xs leading-relaxed text-fg"
            >
              {curl}
            </pre>
            <CopyButton text={curl} label="Copy example" />
          </div>
          <div className="space-y-2">
            <h3 className="text-sm font-medium text-fg">From a Node.js or Next.js service</h3>
            <pre
              aria-label="Example: the server SDK"
              className="overflow-x-auto rounded-md border border-border bg-surface-muted px-3 py-2 font-mono text-xs leading-relaxed text-fg"
            >
              {sdk}
            </pre>
            <CopyButton text={sdk} label="Copy SDK example" />
          </div>
        </div>
      </div>
    </Card>
  );
}
