'use client';

import { useSyncExternalStore } from 'react';
import { CopyButton } from './CopyButton';

const noSubscription = () => () => {};

/** The browser tracker's tag for one project, pointing at this installation as the browser reaches it. */
export function ProjectsSnippet({ siteId }: { siteId: string }) {
  // The origin exists only in the browser; the server renders the tag once it is known.
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => '',
  );
  const snippet = `<script defer src="${origin}/tracker.js" data-site="${siteId}"></script>`;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-fg-muted">Site id</span>
        <code className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-fg">{siteId}</code>
        <span className="text-xs text-fg-muted">(public: it only identifies the project)</span>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <pre
          aria-label="Tracker snippet"
          className="min-w-0 flex-1 rounded-md border border-border bg-surface-muted px-3 py-2 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-fg"
        >
          {snippet}
        </pre>
        <div>
          <CopyButton text={snippet} label="Copy snippet" />
        </div>
      </div>
      <p className="text-xs text-fg-muted">
        Add it to the &lt;head&gt; of every page you want Core Web Vitals for, and the site&rsquo;s origin to the
        allowed origins below: beacons from other origins are refused. Options (sampling, attribution, route templates)
        are data attributes, described in the README.
      </p>
    </div>
  );
}
