import {
  cloneElement,
  useId,
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactElement,
  type ReactNode,
  type SelectHTMLAttributes,
} from 'react';

const CONTROL =
  'block w-full rounded-md border border-border bg-surface px-3 py-2 text-sm text-fg placeholder:text-fg-muted/70 focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30 disabled:opacity-60 aria-[invalid=true]:border-poor';

/**
 * A labelled control with an optional hint and error; the label is always visible, never a
 * placeholder. Hint and error are linked to the control (aria-describedby) rather than folded
 * into its name, and an error marks the control invalid.
 */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  children: ReactElement;
}) {
  const hintId = useId();
  const errorId = useId();
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  const control =
    hint || error
      ? cloneElement(children as ReactElement<{ 'aria-describedby'?: string; 'aria-invalid'?: boolean }>, {
          'aria-describedby': describedBy,
          ...(error && { 'aria-invalid': true }),
        })
      : children;
  return (
    <div className="space-y-1.5">
      <label className="block space-y-1.5">
        <span className="text-sm font-medium text-fg">{label}</span>
        {control}
      </label>
      {error && (
        <p id={errorId} className="text-xs font-medium text-poor">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="text-xs text-fg-muted">
          {hint}
        </p>
      )}
    </div>
  );
}

export function Input(props: InputHTMLAttributes<HTMLInputElement>) {
  return <input {...props} className={`${CONTROL} ${props.className ?? ''}`} />;
}

export function Select(props: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select {...props} className={`${CONTROL} ${props.className ?? ''}`} />;
}

type Variant = 'primary' | 'secondary' | 'danger';
const VARIANTS: Record<Variant, string> = {
  primary: 'bg-accent text-accent-fg hover:opacity-90',
  secondary: 'border border-border bg-surface text-fg hover:bg-surface-muted',
  danger: 'border border-poor/40 bg-surface text-poor hover:bg-poor/10',
};

export function Button({
  variant = 'primary',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      type="button"
      {...props}
      className={`inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-2 text-sm font-medium transition disabled:cursor-not-allowed disabled:opacity-60 ${VARIANTS[variant]} ${props.className ?? ''}`}
    />
  );
}

/**
 * An error announced to screen readers; the text says what went wrong. `messages` lists what
 * a form could not place next to a field.
 */
export function FormError({
  message,
  messages = [],
}: {
  message?: string | null;
  messages?: readonly (string | null | undefined)[];
}) {
  const all = [...new Set([message, ...messages].filter((m): m is string => Boolean(m)))];
  if (all.length === 0) return null;
  return (
    <div role="alert" className="rounded-md border border-poor/30 bg-poor/10 px-3 py-2 text-sm text-poor">
      {all.length === 1 ? (
        <p>{all[0]}</p>
      ) : (
        <ul className="list-disc space-y-0.5 pl-4">
          {all.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
