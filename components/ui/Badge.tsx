import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'good' | 'warn' | 'poor' | 'accent';

const TONES: Record<Tone, string> = {
  neutral: 'bg-surface-muted text-fg-muted',
  good: 'bg-good/10 text-good',
  warn: 'bg-warn/10 text-warn',
  poor: 'bg-poor/10 text-poor',
  accent: 'bg-accent/10 text-accent',
};

/** A status label. The text always carries the meaning; colour only repeats it. */
export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>
      {children}
    </span>
  );
}
