'use client';

import { FolderKanban, ScrollText, Server, UserRound, Users, type LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

type Tab = { href: string; label: string; icon: LucideIcon };

const SYSTEM: Tab = { href: '/settings', label: 'System', icon: Server };
const PROJECTS: Tab = { href: '/settings/projects', label: 'Projects', icon: FolderKanban };
const USERS: Tab = { href: '/settings/users', label: 'Users', icon: Users };
const AUDIT: Tab = { href: '/settings/audit', label: 'Audit log', icon: ScrollText };
const ACCOUNT: Tab = { href: '/settings/account', label: 'Your account', icon: UserRound };

// "/settings" is the parent of every tab, so it is active only on itself.
function isCurrent(href: string, pathname: string): boolean {
  return href === SYSTEM.href ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The Settings sections as a tab row. It scrolls sideways instead of wrapping when the screen is
 * narrow; admin-only sections are left out for everyone else (their pages say why if opened directly).
 */
export function SettingsNav({ showUsers, showAudit }: { showUsers: boolean; showAudit: boolean }) {
  const pathname = usePathname();
  const current = useRef<HTMLAnchorElement>(null);
  // On a narrow screen the current tab may lie past the row's edge: bring it into view.
  useEffect(() => {
    current.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);
  const tabs = [SYSTEM, PROJECTS, ...(showUsers ? [USERS] : []), ...(showAudit ? [AUDIT] : []), ACCOUNT];
  return (
    <nav aria-label="Settings sections" className="mb-6 -mx-4 px-4 md:mx-0 md:px-0">
      {/* The inset shadow is the baseline; the active tab's border is drawn over it. */}
      <ul className="flex gap-1 overflow-x-auto shadow-[inset_0_-1px_0_var(--border)]">
        {tabs.map(({ href, label, icon: Icon }) => (
          <li key={href} className="shrink-0">
            <Link
              href={href}
              ref={isCurrent(href, pathname) ? current : undefined}
              aria-current={isCurrent(href, pathname) ? 'page' : undefined}
              className="flex items-center gap-2 border-b-2 border-transparent px-3 py-2.5 text-sm font-medium whitespace-nowrap text-fg-muted transition-colors hover:border-border hover:text-fg aria-[current=page]:border-accent aria-[current=page]:text-accent"
            >
              <Icon className="hidden h-4 w-4 sm:block" aria-hidden />
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
