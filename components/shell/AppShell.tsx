'use client';

import { Menu, X } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { AccessContext, type Access } from '@/lib/hooks/useCan';
import type { TimeZonePreference } from '@/lib/preferences';
import { Brand } from './Brand';
import { NavLinks } from './NavLinks';
import { ThemeToggle } from './ThemeToggle';
import { TimeZoneProvider } from './TimeZoneProvider';
import { UserMenu, type ShellUser } from './UserMenu';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex="0"]';

/**
 * Sidebar navigation on wide screens; a top bar with a drawer below the md breakpoint. It
 * provides the user's permissions (lib/hooks/useCan.ts) and the zone times are shown in
 * (lib/hooks/useTimeZone.ts) to everything below it.
 */
export function AppShell({
  user,
  access,
  time,
  children,
}: {
  user: ShellUser;
  access: Access;
  time: { preference: TimeZonePreference; zone: string };
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const menuRef = useRef<HTMLButtonElement>(null);
  const drawerRef = useRef<HTMLDivElement>(null);

  // The drawer is modal: focus moves into it, Tab and Shift+Tab stay inside, and Escape or a
  // close button returns focus to the menu button.
  useEffect(() => {
    const drawer = drawerRef.current;
    if (!open || !drawer) return;
    const focusable = () => [...drawer.querySelectorAll<HTMLElement>(FOCUSABLE)];
    (drawer.querySelector<HTMLElement>('nav a[aria-current="page"]') ?? focusable()[0])?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        menuRef.current?.focus();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = focusable();
      const first = items[0];
      const last = items.at(-1);
      if (!first || !last) return;
      const at = document.activeElement;
      if (!drawer.contains(at) || (e.shiftKey ? at === first : at === last)) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const close = () => {
    setOpen(false);
    menuRef.current?.focus();
  };
  // A link chosen in the drawer: the drawer goes, and focus to the content the link opens (the
  // main element stays across client navigations, so Tab goes on into the new page).
  const mainRef = useRef<HTMLElement>(null);
  const navigated = () => {
    setOpen(false);
    mainRef.current?.focus();
  };

  return (
    <AccessContext.Provider value={access}>
      <TimeZoneProvider preference={time.preference} zone={time.zone}>
        <div className="min-h-dvh md:flex">
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
          >
            Skip to content
          </a>

          <aside className="hidden w-60 shrink-0 flex-col border-r border-border bg-surface md:sticky md:top-0 md:flex md:h-dvh">
            <div className="px-5 py-4">
              <Brand />
            </div>
            <nav aria-label="Main" className="flex-1 overflow-y-auto px-3">
              <NavLinks />
            </nav>
            <div className="space-y-3 border-t border-border p-3">
              <UserMenu user={user} />
              <ThemeToggle />
            </div>
          </aside>

          <header className="sticky top-0 z-30 flex items-center justify-between border-b border-border bg-surface px-4 py-3 md:hidden">
            <Brand />
            <button
              ref={menuRef}
              type="button"
              onClick={() => setOpen(true)}
              aria-label="Open navigation"
              aria-expanded={open}
              aria-controls="mobile-nav"
              className="rounded-md p-2 text-fg-muted hover:bg-surface-muted hover:text-fg"
            >
              <Menu className="h-5 w-5" aria-hidden />
            </button>
          </header>

          {open && (
            <div className="fixed inset-0 z-40 md:hidden" role="dialog" aria-modal="true" aria-label="Navigation">
              {/* The shade closes the drawer on a tap; from the keyboard, Escape or the close button does. */}
              <div className="absolute inset-0 bg-black/40" aria-hidden onClick={close} />
              <div
                ref={drawerRef}
                id="mobile-nav"
                className="absolute inset-y-0 left-0 flex w-72 max-w-[85%] flex-col bg-surface shadow-xl"
              >
                <div className="flex items-center justify-between px-4 py-3">
                  <Brand />
                  <button
                    type="button"
                    onClick={close}
                    aria-label="Close navigation"
                    className="rounded-md p-2 text-fg-muted hover:bg-surface-muted hover:text-fg"
                  >
                    <X className="h-5 w-5" aria-hidden />
                  </button>
                </div>
                <nav aria-label="Main" className="flex-1 overflow-y-auto px-3">
                  <NavLinks onNavigate={navigated} />
                </nav>
                <div className="space-y-3 border-t border-border p-3">
                  <UserMenu user={user} />
                  <ThemeToggle />
                </div>
              </div>
            </div>
          )}

          <main ref={mainRef} id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-none md:px-8 md:py-8">
            {children}
          </main>
        </div>
      </TimeZoneProvider>
    </AccessContext.Provider>
  );
}
