'use client';

import { Search } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { MAX_TEXT_LENGTH } from '@/lib/views/fields';

/** How long typing pauses before the search reaches the URL. */
const SETTLE_MS = 250;

/**
 * The route search: reaches the URL, and so the table, once typing pauses (a link keeps it, with
 * no history entry per key). A change of the URL's value (Back) shows here.
 */
export function RouteSearch({ value, onChange }: { value: string | null; onChange: (q: string | null) => void }) {
  const [text, setText] = useState(value ?? '');
  const sent = useRef(value ?? '');
  const change = useRef(onChange);
  useEffect(() => {
    change.current = onChange;
  }, [onChange]);
  useEffect(() => {
    if ((value ?? '') !== sent.current) {
      sent.current = value ?? '';
      setText(value ?? '');
    }
  }, [value]);
  useEffect(() => {
    if (text === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = text;
      change.current(text.trim() === '' ? null : text);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm text-fg">
      <span className="sr-only">Search routes</span>
      <span className="relative flex min-w-0 items-center">
        <Search className="pointer-events-none absolute left-2 h-3.5 w-3.5 text-fg-muted" aria-hidden />
        <input
          type="search"
          value={text}
          maxLength={MAX_TEXT_LENGTH}
          placeholder="Search routes"
          onChange={(e) => setText(e.target.value)}
          className="w-48 min-w-0 rounded-md border border-border bg-surface py-1.5 pl-7 pr-2 text-sm text-fg placeholder:text-fg-muted"
        />
      </span>
    </label>
  );
}
