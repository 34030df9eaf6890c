'use client';

import { Badge } from '@/components/ui/Badge';
import { Card } from '@/components/ui/Card';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatIso } from '@/lib/format/time';
import { AccountTimeZone } from './AccountTimeZone';

export type Account = { name: string; email: string; role: string; createdAt: string };

/** The signed-in user's own account, and their choice of time zone. */
export function AccountView({ account }: { account: Account }) {
  const zone = useTimeZone();
  return (
    <div className="space-y-6">
      <Card title="Signed in as">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-fg-muted">Name</dt>
          <dd className="min-w-0 break-words text-fg">{account.name}</dd>
          <dt className="text-fg-muted">Email</dt>
          <dd className="min-w-0 break-all text-fg">{account.email}</dd>
          <dt className="text-fg-muted">Role</dt>
          <dd>
            <Badge>{account.role}</Badge>
          </dd>
          <dt className="text-fg-muted">Created</dt>
          <dd className="tabular-nums text-fg" data-testid="account-created">
            <time dateTime={account.createdAt}>{formatIso(account.createdAt, zone, { year: true })}</time>
          </dd>
        </dl>
      </Card>
      <AccountTimeZone />
    </div>
  );
}
