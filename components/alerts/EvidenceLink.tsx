'use client';

import { LineChart } from 'lucide-react';
import Link from 'next/link';
import { evidenceFor } from './evidence';

/** A link to the view that shows an alert's metric over the time it fired (./evidence.ts). */
export function EvidenceLink({
  rule,
  projectSlug,
  from,
  to,
}: {
  rule: { metric: string; filters: Record<string, string> };
  projectSlug: string;
  from: number;
  /** Null while it fires. */
  to: number | null;
}) {
  if (!Number.isFinite(from)) return null;
  const { href, label } = evidenceFor(rule, projectSlug, { from, to });
  return (
    <Link
      href={href}
      className="mt-1 inline-flex items-center gap-1 text-xs text-accent underline-offset-2 hover:underline"
      data-testid="alert-evidence"
    >
      <LineChart className="h-3.5 w-3.5" aria-hidden />
      {label}
    </Link>
  );
}
