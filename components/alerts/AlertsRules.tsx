'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { ActionButton } from '@/components/ui/ActionButton';
import { Badge } from '@/components/ui/Badge';
import { Card } from '@/components/ui/Card';
import { FormError } from '@/components/ui/Form';
import { errorText } from '@/lib/form-errors';
import { useAlertRules, useSaveRule, type AlertRule } from '@/lib/hooks/useAlerts';
import { AlertsRuleEditor } from './AlertsRuleEditor';
import { condition, STATE_TONE, value } from './format';
import { draftOf, EMPTY_DRAFT, type Draft } from './rule-draft';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatIso } from '@/lib/format/time';

/** A rule that is off is neither healthy nor alerting: it says so in a neutral badge. */
function RuleState({ rule }: { rule: AlertRule }) {
  if (!rule.enabled) return <Badge tone="neutral">off</Badge>;
  return <Badge tone={STATE_TONE[rule.state]}>{rule.state}</Badge>;
}

/** The project's rules, each with its last evaluation, and the editor for a new or changed one. */
export function AlertsRules({ projectId }: { projectId: string }) {
  const rules = useAlertRules(projectId);
  const zone = useTimeZone();
  const toggle = useSaveRule(projectId);
  const [editing, setEditing] = useState<{ id: string | null; draft: Draft } | null>(null);
  const newRuleId = useId();
  // The button that opened the editor, which takes focus back once the editor is gone.
  const opener = useRef<string | null>(null);
  useEffect(() => {
    if (editing || !opener.current) return;
    document.getElementById(opener.current)?.focus();
    opener.current = null;
  }, [editing]);
  return (
    <Card
      title="Rules"
      action={
        <ActionButton
          id={newRuleId}
          permission="rules:manage"
          variant="secondary"
          onClick={() => setEditing({ id: null, draft: EMPTY_DRAFT })}
        >
          New rule
        </ActionButton>
      }
    >
      <FormError message={rules.error?.message} messages={[errorText(toggle.error)]} />
      {editing && (
        <AlertsRuleEditor
          key={editing.id ?? 'new'}
          projectId={projectId}
          id={editing.id}
          initial={editing.draft}
          onDone={() => {
            opener.current = editing.id ? `rule-${editing.id}-edit` : newRuleId;
            setEditing(null);
          }}
        />
      )}
      {rules.isPending && <p className="text-sm text-fg-muted">Loading…</p>}
      <ul aria-label="Rules" className="divide-y divide-border">
        {(rules.data ?? []).map((r) => (
          // The rule's own address (#rule-<id>): chart annotations link to it, and it is marked when opened so.
          <li
            key={r.id}
            id={`rule-${r.id}`}
            className="flex scroll-mt-20 flex-col gap-2 py-3 target:rounded-md target:bg-accent/10 target:px-2 sm:flex-row sm:items-start sm:justify-between"
          >
            {/* A rule that is off says so in its badge and last line, in colours that stay readable. */}
            <div className="min-w-0 text-sm">
              <p className="flex flex-wrap items-center gap-2 font-medium text-fg">
                <span className="break-words">{r.name}</span>
                <RuleState rule={r} />
              </p>
              <p className="break-words text-xs text-fg-muted">
                {condition(r)} · {r.severity}
                {r.seedKey && ' · default rule'}
              </p>
              <p className="text-xs text-fg-muted">
                {r.enabled
                  ? `Last evaluation ${formatIso(r.lastEvalAt, zone)} · ${value(r.lastValue, r)}`
                  : 'Off: not evaluated, never notifies'}
              </p>
              {r.lastError && <p className="text-xs text-poor">Evaluation error: {r.lastError}</p>}
            </div>
            <div className="flex shrink-0 gap-2">
              <ActionButton
                id={`rule-${r.id}-edit`}
                permission="rules:manage"
                variant="secondary"
                aria-label={`Edit rule ${r.name}`}
                onClick={() => setEditing({ id: r.id, draft: draftOf(r) })}
              >
                Edit
              </ActionButton>
              <ActionButton
                permission="rules:manage"
                variant="secondary"
                aria-label={`${r.enabled ? 'Turn off' : 'Turn on'} rule ${r.name}`}
                onClick={() => toggle.mutate({ id: r.id, body: { enabled: !r.enabled } })}
              >
                {r.enabled ? 'Turn off' : 'Turn on'}
              </ActionButton>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
