import { ShieldAlert } from 'lucide-react';
import { Card } from '../ui/Card';

/** Shown in place of an admin-only section, so a direct link explains itself instead of failing. */
export function AdminRequired({ section, role }: { section: string; role: string }) {
  return (
    <Card className="max-w-xl">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <div className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg bg-warn/10 text-warn">
          <ShieldAlert className="h-5 w-5" aria-hidden />
        </div>
        <div className="min-w-0 space-y-2">
          <h2 className="text-base font-semibold text-fg">You need the admin role to see this</h2>
          <p className="text-sm text-fg-muted">
            {section} is open to admins only, and you are signed in as a {role}. Ask an admin of this installation if
            you need access.
          </p>
        </div>
      </div>
    </Card>
  );
}
