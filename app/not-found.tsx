import Link from 'next/link';
import { AppShell } from '@/components/shell/AppShell';

export default function NotFound() {
  return (
    <AppShell>
      <div className="mx-auto max-w-md py-16 text-center">
        <p className="text-sm font-semibold text-accent">404</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-fg">Page not found</h1>
        <p className="mt-2 text-sm text-fg-muted">There is no view at this address.</p>
        <Link
          href="/"
          className="mt-6 inline-block rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg hover:opacity-90"
        >
          Back to Observatory
        </Link>
      </div>
    </AppShell>
  );
}
