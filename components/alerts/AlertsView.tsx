'use client';

import { useState } from 'react';
import { Badge, type Tone } from '@/components/ui/Badge';
import { Card } from '@/components/ui/Card';
import { Button, Field, FormError, Input, Select } from '@/components/ui/Form';
import { REQUEST_STATISTICS, STATISTIC_LIST } from '@/lib/alerts/statistics';
import { useProjects } from '@/lib/hooks/useProjects';
import {
  useAlertChannels,
  useAlertHistory,
  useAlertRules,
  useCreateChannel,
  useCreateSilence,
  useDeleteChannel,
  useDeliveries,
  useExpireSilence,
  usePreview,
  useRuleAction,
  useSaveRule,
  useSilences,
  useTestChannel,
  type AlertRule,
  type Preview,
} from '@/lib/hooks/useAlerts';

const SEVERITY_TONE: Record<AlertRule['severity'], Tone> = {
  critical: 'poor',
  high: 'poor',
  medium: 'warn',
  low: 'neutral',
};
const STATE_TONE: Record<AlertRule['state'], Tone> = { firing: 'poor', pending: 'warn', inactive: 'good' };
const COMPARATOR: Record<string, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤' };

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

function value(v: number | null): string {
  if (v === null) return 'no data';
  return Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(3)).toString();
}

/** Statistics read from the request metrics, whatever the rule's metric says. */
const OF_REQUESTS = REQUEST_STATISTICS;

function condition(r: AlertRule): string {
  if (r.type === 'burn_rate') return `error budget burn (SLO ${r.slo})`;
  if (OF_REQUESTS.has(r.statistic)) {
    return `${r.statistic} of requests ${COMPARATOR[r.comparator] ?? r.comparator} ${r.threshold} over ${r.windowSec / 60} min`;
  }
  return `${r.statistic} of ${r.metric} ${COMPARATOR[r.comparator] ?? r.comparator} ${r.threshold} over ${r.windowSec / 60} min`;
}

export function AlertsView() {
  const projects = useProjects();
  const [chosen, setChosen] = useState<string | null>(null);
  const list = projects.data ?? [];
  const projectId = chosen ?? list[0]?.id ?? null;
  if (projects.isPending) return <p className="text-sm text-fg-muted">Loading projects…</p>;
  if (projects.error) return <FormError message={projects.error.message} />;
  if (!projectId) return <p className="text-sm text-fg-muted">Create a project in Settings to set up alerts.</p>;
  return (
    <div className="space-y-6">
      <div className="max-w-xs">
        <Field label="Project">
          <Select value={projectId} onChange={(e) => setChosen(e.target.value)}>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <ActiveAlerts projectId={projectId} />
      <Rules projectId={projectId} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Channels projectId={projectId} />
        <Silences projectId={projectId} />
      </div>
      <History projectId={projectId} />
    </div>
  );
}

function ActiveAlerts({ projectId }: { projectId: string }) {
  const rules = useAlertRules(projectId);
  const action = useRuleAction(projectId);
  const silence = useCreateSilence(projectId);
  const active = (rules.data ?? []).filter((r) => r.state !== 'inactive');
  return (
    <Card title="Firing and pending">
      <FormError message={rules.error?.message ?? action.error?.message ?? silence.error?.message} />
      {active.length === 0 ? (
        <p className="text-sm text-fg-muted">{rules.isPending ? 'Loading…' : 'Nothing is firing or pending.'}</p>
      ) : (
        <ul className="divide-y divide-border">
          {active.map((r) => (
            <li key={r.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-fg">
                  <Badge tone={STATE_TONE[r.state]}>{r.state}</Badge>
                  <Badge tone={SEVERITY_TONE[r.severity]}>{r.severity}</Badge>
                  <span className="break-words">{r.name}</span>
                </p>
                <p className="mt-1 text-xs text-fg-muted">
                  {condition(r)} · value {value(r.lastValue)} · since {when(r.firingSince ?? r.pendingSince)}
                  {r.acknowledgedAt && ` · acknowledged by ${r.acknowledgedBy ?? 'someone'}`}
                </p>
              </div>
              <div className="flex shrink-0 flex-wrap gap-2">
                {r.state === 'firing' && !r.acknowledgedAt && (
                  <Button variant="secondary" onClick={() => action.mutate({ id: r.id, action: 'acknowledge' })}>
                    Acknowledge
                  </Button>
                )}
                <Button variant="secondary" onClick={() => action.mutate({ id: r.id, action: 'resolve' })}>
                  Resolve
                </Button>
                <Button
                  variant="secondary"
                  onClick={() =>
                    silence.mutate({
                      ruleId: r.id,
                      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
                      comment: 'silenced from the alerts page',
                    })
                  }
                >
                  Silence 1 h
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

type Draft = {
  name: string;
  metric: string;
  statistic: string;
  comparator: string;
  threshold: string;
  windowMin: string;
  forMin: string;
  severity: string;
  noData: string;
  channels: string[];
};

const EMPTY: Draft = {
  name: '',
  metric: 'http.server.request.duration',
  statistic: 'p95',
  comparator: 'gt',
  threshold: '2000',
  windowMin: '5',
  forMin: '2',
  severity: 'high',
  noData: 'ok',
  channels: [],
};

function draftOf(r: AlertRule): Draft {
  return {
    name: r.name,
    metric: r.metric,
    statistic: r.statistic,
    comparator: r.comparator,
    threshold: String(r.threshold),
    windowMin: String(r.windowSec / 60),
    forMin: String(r.forSec / 60),
    severity: r.severity,
    noData: r.noData,
    channels: r.channels,
  };
}

function bodyOf(d: Draft) {
  return {
    name: d.name,
    metric: d.metric,
    statistic: d.statistic,
    comparator: d.comparator,
    threshold: Number(d.threshold),
    windowSec: Math.round(Number(d.windowMin) * 60),
    forSec: Math.round(Number(d.forMin) * 60),
    severity: d.severity,
    noData: d.noData,
    channels: d.channels,
  };
}

function Rules({ projectId }: { projectId: string }) {
  const rules = useAlertRules(projectId);
  const save = useSaveRule(projectId);
  const [editing, setEditing] = useState<{ id: string | null; draft: Draft } | null>(null);
  return (
    <Card
      title="Rules"
      action={
        <Button variant="secondary" onClick={() => setEditing({ id: null, draft: EMPTY })}>
          New rule
        </Button>
      }
    >
      <FormError message={save.error?.message} />
      {editing && (
        <RuleEditor
          key={editing.id ?? 'new'}
          projectId={projectId}
          id={editing.id}
          initial={editing.draft}
          onDone={() => setEditing(null)}
        />
      )}
      <ul aria-label="Rules" className="divide-y divide-border">
        {(rules.data ?? []).map((r) => (
          <li key={r.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0 text-sm">
              <p className="flex flex-wrap items-center gap-2 font-medium text-fg">
                <span className="break-words">{r.name}</span>
                <Badge tone={STATE_TONE[r.state]}>{r.state}</Badge>
              </p>
              <p className="break-words text-xs text-fg-muted">
                {condition(r)} · {r.severity}
                {!r.enabled && ' · off'}
                {r.seedKey && ' · default rule'}
              </p>
              <p className="text-xs text-fg-muted">
                Last evaluation {when(r.lastEvalAt)} · {value(r.lastValue)}
              </p>
              {r.lastError && <p className="text-xs text-poor">Evaluation error: {r.lastError}</p>}
            </div>
            <div className="flex shrink-0 gap-2">
              <Button variant="secondary" onClick={() => setEditing({ id: r.id, draft: draftOf(r) })}>
                Edit
              </Button>
              <Button variant="secondary" onClick={() => save.mutate({ id: r.id, body: { enabled: !r.enabled } })}>
                {r.enabled ? 'Turn off' : 'Turn on'}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function RuleEditor({
  projectId,
  id,
  initial,
  onDone,
}: {
  projectId: string;
  id: string | null;
  initial: Draft;
  onDone: () => void;
}) {
  const [d, setD] = useState(initial);
  const save = useSaveRule(projectId);
  const preview = usePreview(projectId);
  const channels = useAlertChannels(projectId);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  return (
    <form
      className="mb-5 space-y-4 rounded-lg border border-border p-4"
      aria-label={id ? 'Edit rule' : 'New rule'}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ id, body: bodyOf(d) }, { onSuccess: onDone });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field label="Name">
          <Input value={d.name} onChange={set('name')} required maxLength={120} />
        </Field>
        <Field
          label="Metric"
          hint={OF_REQUESTS.has(d.statistic) ? 'Not used: this statistic is read from the request metrics' : undefined}
        >
          <Input value={d.metric} onChange={set('metric')} disabled={OF_REQUESTS.has(d.statistic)} />
        </Field>
        <Field label="Statistic">
          <Select value={d.statistic} onChange={set('statistic')}>
            {STATISTIC_LIST.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Comparator">
          <Select value={d.comparator} onChange={set('comparator')}>
            {Object.entries(COMPARATOR).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Threshold">
          <Input value={d.threshold} onChange={set('threshold')} inputMode="decimal" />
        </Field>
        <Field label="Window (minutes)">
          <Input value={d.windowMin} onChange={set('windowMin')} inputMode="numeric" />
        </Field>
        <Field label="For (minutes)" hint="How long the condition must hold before the alert fires">
          <Input value={d.forMin} onChange={set('forMin')} inputMode="numeric" />
        </Field>
        <Field label="Severity">
          <Select value={d.severity} onChange={set('severity')}>
            {['critical', 'high', 'medium', 'low'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        </Field>
        <Field label="No data">
          <Select value={d.noData} onChange={set('noData')}>
            <option value="ok">counts as OK</option>
            <option value="alerting">counts as alerting</option>
            <option value="keep_last">keeps the last state</option>
          </Select>
        </Field>
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-fg">Channels</legend>
        {(channels.data ?? []).length === 0 && <p className="text-xs text-fg-muted">No channels yet.</p>}
        {(channels.data ?? []).map((c) => (
          <label key={c.id} className="mr-4 inline-flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={d.channels.includes(c.id)}
              onChange={(e) =>
                setD({
                  ...d,
                  channels: e.target.checked ? [...d.channels, c.id] : d.channels.filter((x) => x !== c.id),
                })
              }
            />
            {c.name} ({c.type})
          </label>
        ))}
      </fieldset>
      <FormError message={save.error?.message ?? preview.error?.message} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>
          {id ? 'Save rule' : 'Create rule'}
        </Button>
        <Button variant="secondary" disabled={preview.isPending} onClick={() => preview.mutate(bodyOf(d))}>
          {preview.isPending ? 'Replaying…' : 'Preview last 24 h'}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {preview.data && <PreviewStrip preview={preview.data} />}
    </form>
  );
}

function PreviewStrip({ preview }: { preview: Preview }) {
  const colour = { inactive: 'bg-good/40', pending: 'bg-warn', firing: 'bg-poor' } as const;
  return (
    <div aria-label="Preview" className="space-y-2">
      <p className="text-sm text-fg">
        {preview.firings.length === 0
          ? 'Over the last 24 hours this rule would not have fired.'
          : `Over the last 24 hours this rule would have fired ${preview.firings.length} time${preview.firings.length === 1 ? '' : 's'}.`}
      </p>
      <div
        className="flex h-6 w-full overflow-hidden rounded"
        role="img"
        aria-label="State every 5 minutes over 24 hours"
      >
        {preview.points.map((p) => (
          <span
            key={p.at}
            className={`h-full flex-1 ${colour[p.state]}`}
            title={`${new Date(p.at).toLocaleString()}: ${p.state}, ${value(p.value)}`}
          />
        ))}
      </div>
      <ul className="text-xs text-fg-muted">
        {preview.firings.map((f) => (
          <li key={f.from}>
            Fires {new Date(f.from).toLocaleString()}
            {f.to ? `, resolves ${new Date(f.to).toLocaleString()}` : ', still firing'}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Channels({ projectId }: { projectId: string }) {
  const channels = useAlertChannels(projectId);
  const create = useCreateChannel(projectId);
  const remove = useDeleteChannel(projectId);
  const test = useTestChannel(projectId);
  const [type, setType] = useState('slack');
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const deliveries = useDeliveries(projectId, open);
  const field =
    type === 'email' ? 'Recipients (comma-separated)' : type === 'pagerduty' ? 'Routing key' : 'Webhook URL';
  return (
    <Card title="Channels">
      <form
        aria-label="New channel"
        className="mb-4 grid gap-3 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          const body =
            type === 'email'
              ? {
                  type,
                  name,
                  to: target
                    .split(',')
                    .map((s) => s.trim())
                    .filter(Boolean),
                }
              : type === 'pagerduty'
                ? { type, name, routingKey: target.trim() }
                : { type, name, url: target.trim() };
          create.mutate(body, {
            onSuccess: () => {
              setName('');
              setTarget('');
            },
          });
        }}
      >
        <Field label="Type">
          <Select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="slack">Slack</option>
            <option value="webhook">Webhook</option>
            <option value="email">Email</option>
            <option value="pagerduty">PagerDuty</option>
          </Select>
        </Field>
        <Field label="Channel name">
          <Input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
        </Field>
        <div className="sm:col-span-2">
          <Field label={field}>
            <Input value={target} onChange={(e) => setTarget(e.target.value)} required autoComplete="off" />
          </Field>
        </div>
        <div className="sm:col-span-2">
          <FormError message={create.error?.message ?? test.error?.message ?? remove.error?.message} />
          <Button type="submit" disabled={create.isPending}>
            Add channel
          </Button>
        </div>
      </form>
      {test.data && (
        <p role="status" className="mb-3 text-sm text-fg">
          Test notification {test.data.delivery.status} after {test.data.delivery.attempts} attempt
          {test.data.delivery.attempts === 1 ? '' : 's'}
          {test.data.delivery.lastError && `: ${test.data.delivery.lastError}`}
        </p>
      )}
      <ul className="divide-y divide-border">
        {(channels.data ?? []).map((c) => (
          <li key={c.id} className="py-3">
            <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0 text-sm">
                <p className="font-medium text-fg">
                  {c.name} <Badge>{c.type}</Badge>
                </p>
                <p className="break-all text-xs text-fg-muted">{c.to ? c.to.join(', ') : c.secretHint}</p>
              </div>
              <div className="flex flex-wrap gap-2">
                <Button variant="secondary" disabled={test.isPending} onClick={() => test.mutate(c.id)}>
                  Send test
                </Button>
                <Button variant="secondary" onClick={() => setOpen(open === c.id ? null : c.id)}>
                  {open === c.id ? 'Hide log' : 'Delivery log'}
                </Button>
                <Button variant="danger" onClick={() => remove.mutate(c.id)}>
                  Delete
                </Button>
              </div>
            </div>
            {open === c.id && (
              <ul aria-label={`Deliveries of ${c.name}`} className="mt-2 space-y-1 text-xs text-fg-muted">
                {(deliveries.data ?? []).length === 0 && <li>No notifications yet.</li>}
                {(deliveries.data ?? []).map((dl) => (
                  <li key={dl.id}>
                    {when(dl.createdAt)} · {dl.kind} ·{' '}
                    <Badge tone={dl.status === 'sent' ? 'good' : dl.status === 'failed' ? 'poor' : 'warn'}>
                      {dl.status}
                    </Badge>{' '}
                    · {dl.attempts} attempt{dl.attempts === 1 ? '' : 's'}
                    {dl.lastError && ` · ${dl.lastError}`}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Silences({ projectId }: { projectId: string }) {
  const silences = useSilences(projectId);
  const rules = useAlertRules(projectId);
  const expire = useExpireSilence(projectId);
  const names = new Map((rules.data ?? []).map((r) => [r.id, r.name]));
  // Judged at the time the list was fetched (a render must not read the clock).
  const now = silences.dataUpdatedAt;
  return (
    <Card title="Silences">
      <FormError message={silences.error?.message ?? expire.error?.message} />
      {(silences.data ?? []).length === 0 && <p className="text-sm text-fg-muted">No silences.</p>}
      <ul className="divide-y divide-border">
        {(silences.data ?? []).map((s) => {
          const active = new Date(s.endsAt).getTime() > now && new Date(s.startsAt).getTime() <= now;
          return (
            <li key={s.id} className="flex flex-col gap-2 py-3 text-sm sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="text-fg">
                  <Badge tone={active ? 'accent' : 'neutral'}>{active ? 'active' : 'ended'}</Badge>{' '}
                  {s.ruleId
                    ? (names.get(s.ruleId) ?? 'a deleted rule')
                    : s.matchers.map((m) => `${m.name}=${m.value}`).join(', ')}
                </p>
                <p className="text-xs text-fg-muted">
                  until {when(s.endsAt)}
                  {s.comment && ` · ${s.comment}`}
                </p>
              </div>
              {active && (
                <Button variant="secondary" onClick={() => expire.mutate(s.id)}>
                  End now
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

function History({ projectId }: { projectId: string }) {
  const events = useAlertHistory(projectId);
  const rules = useAlertRules(projectId);
  const names = new Map((rules.data ?? []).map((r) => [r.id, r.name]));
  return (
    <Card title="History">
      {(events.data ?? []).length === 0 && <p className="text-sm text-fg-muted">No alert has changed state yet.</p>}
      <ul className="space-y-1 text-sm">
        {(events.data ?? []).map((e) => (
          <li key={e.id} className="text-fg-muted">
            {when(e.at)} · <span className="text-fg">{names.get(e.ruleId) ?? 'a deleted rule'}</span> · {e.kind}
            {e.value !== null && ` · ${value(e.value)}`}
          </li>
        ))}
      </ul>
    </Card>
  );
}
