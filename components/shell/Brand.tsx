import Link from 'next/link';

export function Brand() {
  return (
    <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-fg">
      <svg
        viewBox="0 0 24 24"
        className="h-6 w-6 text-accent"
        aria-hidden
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h4l2-5 3 10 2-5h7" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      Observatory
    </Link>
  );
}
