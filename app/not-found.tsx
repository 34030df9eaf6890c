import Link from 'next/link';
import { Brand } from '@/components/shell/Brand';

/** Standalone: it is also what anonymous visitors and revoked share links see. */
export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 text-center">
      <Brand />
      <p className="mt-10 text-sm font-semibold text-accent">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-fg">Page not found</h1>
      <p className="mt-2 max-w-md text-sm text-fg-muted">
        There is nothing at this address, or the link is no longer valid.
      </p>
      <Link
        href="/"
        className="mt-6 inline-block rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg hover:opacity-90"
      >
        Back to Observatory
      </Link>
    </main>
  );
}
