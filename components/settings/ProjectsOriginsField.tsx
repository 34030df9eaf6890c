import { Field } from '../ui/Form';

/** Form.tsx has no textarea; this one matches its Input. */
const TEXTAREA =
  'block w-full rounded-md border border-border bg-surface px-3 py-2 font-mono text-sm text-fg placeholder:text-fg-muted/70 focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30 disabled:opacity-60 aria-[invalid=true]:border-poor';

/** The project form's labels by body field, for lib/form-errors.ts. */
export const PROJECT_LABELS = { name: 'Name', slug: 'Slug', allowedOrigins: 'Allowed origins' };

/** One origin a line, as people paste them; blank lines and surrounding spaces do not count. */
export function parseOrigins(text: FormDataEntryValue | null): string[] {
  return String(text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function ProjectsOriginsField({ defaultValue = [], error }: { defaultValue?: string[]; error?: string }) {
  return (
    <Field
      label="Allowed origins"
      error={error}
      hint="One per line, scheme and host only, like https://shop.example.com. Pages on these origins may send metrics with this project's site id."
    >
      <textarea
        name="allowedOrigins"
        rows={3}
        defaultValue={defaultValue.join('\n')}
        placeholder="https://shop.example.com"
        spellCheck={false}
        autoCapitalize="off"
        className={TEXTAREA}
      />
    </Field>
  );
}
