import type { ReactNode } from 'react';

/** One titled part of a project's card (tracker, origins, keys, share links). */
export function ProjectsSection({
  title,
  action,
  children,
}: {
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-label={title} className="space-y-3 border-t border-border pt-4">
      <header className="flex min-h-9 flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-fg">{title}</h3>
        {action}
      </header>
      {children}
    </section>
  );
}
