'use client';

import { KeyRound } from 'lucide-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from '../ui/Form';
import { CopyButton } from './CopyButton';

/**
 * A secret the server returns exactly once (a key, a share link, a generated password). It stays
 * until dismissed, and takes focus so screen readers announce it right after the form that made it.
 */
export function ShownOnce({
  title,
  value,
  children,
  onDone,
}: {
  title: string;
  value: string;
  children?: ReactNode;
  onDone: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);

  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="status"
      className="scroll-mt-24 space-y-3 rounded-lg border-2 border-warn/60 bg-warn/10 p-4 focus:outline-none"
    >
      <div className="flex items-start gap-2">
        <KeyRound className="mt-0.5 h-4 w-4 shrink-0 text-warn" aria-hidden />
        <div className="min-w-0 space-y-1">
          <p className="text-sm font-semibold text-fg">{title}</p>
          <p className="text-sm text-fg">
            Copy it now and keep it somewhere safe: <strong>it will not be shown again.</strong>
          </p>
          {children}
        </div>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <code className="min-w-0 flex-1 rounded-md border border-border bg-surface px-3 py-2 font-mono text-sm break-all text-fg select-all">
          {value}
        </code>
        <div className="flex gap-2">
          <CopyButton text={value} />
          <Button variant="secondary" onClick={onDone}>
            Done
          </Button>
        </div>
      </div>
    </div>
  );
}
