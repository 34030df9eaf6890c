'use client';

import { useState } from 'react';
import { Button, Field, FormError, Input, Select } from '@/components/ui/Form';
import { formErrors } from '@/lib/form-errors';
import { useAlertRules, useCreateSilence } from '@/lib/hooks/useAlerts';

/** The labels every alert carries (lib/alerts/payloads.ts labelsOf), to silence by instead of one rule. */
const LABELS = ['severity', 'alertname', 'metric', 'statistic', 'service', 'route', 'method'] as const;

const DURATIONS = [
  { label: '30 minutes', ms: 30 * 60_000 },
  { label: '1 hour', ms: 3_600_000 },
  { label: '4 hours', ms: 4 * 3_600_000 },
  { label: '1 day', ms: 86_400_000 },
  { label: '1 week', ms: 7 * 86_400_000 },
];

const LABELS_OF_FIELDS = {
  ruleId: 'Rule',
  matchers: 'Label value',
  endsAt: 'For',
  comment: 'Comment',
} as const;

/**
 * A silence made from scratch (a maintenance window, a noisy rule before it fires): one rule, or
 * every alert whose label has a value (severity=low, route=/api/export), for a while from now.
 */
export function AlertsSilenceForm({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const rules = useAlertRules(projectId);
  const create = useCreateSilence(projectId);
  const [target, setTarget] = useState('label');
  const [label, setLabel] = useState<string>('severity');
  const [value, setValue] = useState('');
  const [duration, setDuration] = useState(String(DURATIONS[1]!.ms));
  const [comment, setComment] = useState('');
  const errors = formErrors(create.error, LABELS_OF_FIELDS);
  return (
    <form
      aria-label="New silence"
      className="mb-4 space-y-3 rounded-lg border border-border p-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const endsAt = new Date(Date.now() + Number(duration)).toISOString();
        create.mutate(
          target === 'label'
            ? { matchers: [{ name: label, value }], endsAt, comment }
            : { ruleId: target, endsAt, comment },
          { onSuccess: onDone },
        );
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Silence" error={errors.fields.ruleId}>
          <Select value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="label">alerts with a label value</option>
            {(rules.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                rule: {r.name}
              </option>
            ))}
          </Select>
        </Field>
        {target === 'label' && (
          <>
            <Field label="Label">
              <Select value={label} onChange={(e) => setLabel(e.target.value)}>
                {LABELS.map((l) => (
                  <option key={l}>{l}</option>
                ))}
              </Select>
            </Field>
            <Field label="Label value" error={errors.fields.matchers} hint="Exactly as the alert has it, e.g. low">
              <Input value={value} onChange={(e) => setValue(e.target.value)} maxLength={256} />
            </Field>
          </>
        )}
        <Field label="For" error={errors.fields.endsAt}>
          <Select value={duration} onChange={(e) => setDuration(e.target.value)}>
            {DURATIONS.map((d) => (
              <option key={d.ms} value={d.ms}>
                {d.label} from now
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Comment" error={errors.fields.comment} hint="Why, for whoever sees it later">
          <Input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} />
        </Field>
      </div>
      <FormError messages={errors.summary} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={create.isPending}>
          Create silence
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
