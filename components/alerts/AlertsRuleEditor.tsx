'use client';

import { useId, useState } from 'react';
import { Button, Field, FormError, Input, Select } from '@/components/ui/Form';
import { formErrors } from '@/lib/form-errors';
import { useAlertChannels, usePreview, useSaveRule } from '@/lib/hooks/useAlerts';
import { useProjectMetrics } from '@/lib/hooks/useSeriesUsage';
import { useServices } from '@/lib/hooks/useServices';
import { HTTP_METHODS } from '@/lib/metrics/red';
import type { ProjectMetric } from '@/lib/queries/series-usage';
import { AlertsPreview } from './AlertsPreview';
import { REQUEST_STATISTICS, STATISTIC_LIST } from '@/lib/alerts/statistics';
import { COMPARATOR } from './format';
import { bodyOf, RULE_LABELS, type Draft } from './rule-draft';
import { offersThresholdUnit, thresholdHint } from './units';

/**
 * What the metric field says under it: the metric's kind and unit when the project reports it;
 * when it does not (a typo, or a metric not sent yet), that the rule will have no data.
 */
function metricHint(metric: string, known: readonly ProjectMetric[] | undefined): string | undefined {
  if (!known || metric.trim() === '') return undefined;
  const found = known.find((m) => m.name === metric.trim());
  if (found) return `Reported by this project: ${found.kind}${found.unit ? ` in ${found.unit}` : ''}`;
  return `This project reports no metric named "${metric.trim().slice(0, 60)}" yet: the rule has no data until it does (its no-data setting applies). Pick one from the list to see its unit.`;
}

/** A new or changed threshold rule, with a replay of what it would have done over 24 hours. */
export function AlertsRuleEditor({
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
  const channelsErrorId = useId();
  const metricsListId = useId();
  const servicesListId = useId();
  const services = useServices(projectId);
  const metrics = useProjectMetrics(projectId);
  const errors = formErrors(save.error ?? preview.error, RULE_LABELS);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  const shape = { type: 'threshold', metric: d.metric, statistic: d.statistic, thresholdUnit: d.thresholdUnit };
  return (
    <form
      className="mb-5 space-y-4 rounded-lg border border-border p-4"
      aria-label={id ? 'Edit rule' : 'New rule'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        preview.reset();
        save.mutate({ id, body: bodyOf(d) }, { onSuccess: onDone });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field label="Name" error={errors.fields.name}>
          <Input value={d.name} onChange={set('name')} required maxLength={120} autoFocus />
        </Field>
        <Field
          label="Metric"
          error={errors.fields.metric}
          hint={
            REQUEST_STATISTICS.has(d.statistic)
              ? 'Not used: this statistic is read from the request metrics'
              : metricHint(d.metric, metrics.data)
          }
        >
          <Input
            value={d.metric}
            onChange={set('metric')}
            disabled={REQUEST_STATISTICS.has(d.statistic)}
            list={metricsListId}
            autoComplete="off"
          />
        </Field>
        <datalist id={metricsListId}>
          {(metrics.data ?? []).map((m) => (
            <option key={m.name} value={m.name}>
              {m.kind}
              {m.unit ? ` in ${m.unit}` : ''}
            </option>
          ))}
        </datalist>
        <Field label="Statistic" error={errors.fields.statistic}>
          <Select value={d.statistic} onChange={set('statistic')}>
            {STATISTIC_LIST.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Comparator" error={errors.fields.comparator}>
          <Select value={d.comparator} onChange={set('comparator')}>
            {Object.entries(COMPARATOR).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Threshold" error={errors.fields.threshold} hint={thresholdHint(shape)}>
          <Input value={d.threshold} onChange={set('threshold')} inputMode="decimal" />
        </Field>
        {offersThresholdUnit(d.statistic, d.metric) && (
          <Field
            label="Threshold unit"
            error={errors.fields.thresholdUnit}
            hint="For ratios: compared with each series in the unit it is sent in"
          >
            <Select value={d.thresholdUnit} onChange={set('thresholdUnit')}>
              <option value="">as the series is sent</option>
              <option value="%">percent (0–100)</option>
              <option value="1">fraction (0–1)</option>
            </Select>
          </Field>
        )}
        <Field label="Window (minutes)" error={errors.fields.windowSec}>
          <Input value={d.windowMin} onChange={set('windowMin')} inputMode="numeric" />
        </Field>
        <Field
          label="For (minutes)"
          error={errors.fields.forSec}
          hint="How long the condition must hold before the alert fires"
        >
          <Input value={d.forMin} onChange={set('forMin')} inputMode="numeric" />
        </Field>
        <Field label="Only service" hint="Empty: every service">
          <Input value={d.service} onChange={set('service')} list={servicesListId} autoComplete="off" maxLength={100} />
        </Field>
        <datalist id={servicesListId}>
          {(services.data ?? []).map((s) => (
            <option key={s.id} value={s.name} />
          ))}
        </datalist>
        <Field label="Only method" hint="Empty: every method">
          <Select value={d.method} onChange={set('method')}>
            <option value="">any</option>
            {HTTP_METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </Select>
        </Field>
        <Field
          label="Only route"
          error={errors.fields.filters}
          hint="A route template as Endpoints lists it, e.g. /api/orders/[id]; empty: every route"
        >
          <Input value={d.route} onChange={set('route')} autoComplete="off" maxLength={256} />
        </Field>
        <Field label="Severity" error={errors.fields.severity}>
          <Select value={d.severity} onChange={set('severity')}>
            {['critical', 'high', 'medium', 'low'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        </Field>
        <Field label="No data" error={errors.fields.noData}>
          <Select value={d.noData} onChange={set('noData')}>
            <option value="ok">counts as OK</option>
            <option value="alerting">counts as alerting</option>
            <option value="keep_last">keeps the last state</option>
          </Select>
        </Field>
      </div>
      <fieldset className="space-y-1" aria-describedby={errors.fields.channels ? channelsErrorId : undefined}>
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
        {errors.fields.channels && (
          <p id={channelsErrorId} className="text-xs font-medium text-poor">
            {errors.fields.channels}
          </p>
        )}
      </fieldset>
      <FormError messages={errors.summary} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>
          {id ? 'Save rule' : 'Create rule'}
        </Button>
        <Button
          variant="secondary"
          disabled={preview.isPending}
          onClick={() => {
            save.reset();
            preview.mutate(bodyOf(d));
          }}
        >
          {preview.isPending ? 'Replaying…' : 'Preview last 24 h'}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {preview.data && <AlertsPreview preview={preview.data} rule={shape} />}
    </form>
  );
}
