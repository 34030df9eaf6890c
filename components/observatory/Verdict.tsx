import { AlertTriangle, CheckCircle2, XCircle } from 'lucide-react';

export type VerdictTone = 'good' | 'warn' | 'poor';

const ICONS = { good: CheckCircle2, warn: AlertTriangle, poor: XCircle } as const;
const TEXT = { good: 'text-good', warn: 'text-warn', poor: 'text-poor' } as const;

/** A judgement in an icon and words; colour only repeats them. */
export function Verdict({ tone, label }: { tone: VerdictTone; label: string }) {
  const Icon = ICONS[tone];
  return (
    <span className={`inline-flex items-center gap-1 text-xs font-medium ${TEXT[tone]}`} data-verdict={tone}>
      <Icon className="h-3.5 w-3.5 shrink-0" aria-hidden />
      {label}
    </span>
  );
}
