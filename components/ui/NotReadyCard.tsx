import { Construction } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from './Badge';
import { Card } from './Card';

/** A part of a view that is not built yet, said plainly: never sample numbers in its place. */
export function NotReadyCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <div className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg bg-surface-muted text-fg-muted">
          <Construction className="h-5 w-5" aria-hidden />
        </div>
        <div className="min-w-0 space-y-3">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-base font-semibold text-fg">{title}</h2>
            <Badge>Not available</Badge>
          </div>
          {children}
        </div>
      </div>
    </Card>
  );
}
