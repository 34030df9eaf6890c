/**
 * What each channel is sent, built from one alert view: Slack blocks with fallback text, an
 * Alertmanager-v4-like webhook body, PagerDuty Events v2 events and an email in HTML and text.
 */
import { createHash } from 'node:crypto';
import type { Severity } from './rules';
import { GREATER_OR_EQUAL, LESS_OR_EQUAL } from '../chars';
import { isRatioUnit } from '../metrics/units';
import { formatRuleValue } from './statistics';

export type AlertStatus = 'firing' | 'resolved';
export type AlertKind = 'firing' | 'repeat' | 'resolved' | 'acknowledge' | 'test';

export type AlertView = {
  ruleId: string;
  ruleName: string;
  projectId: string;
  projectSlug: string;
  severity: Severity;
  metric: string;
  statistic: string;
  comparator: string;
  threshold: number;
  /** The threshold's ratio unit (`%` or `1`), which `value` is in too; null or absent: plain numbers. */
  thresholdUnit?: string | null;
  value: number | null;
  startsAt: Date;
  endsAt: Date | null;
  /** Link to the alert in Observatory. */
  url: string;
  extraLabels?: Record<string, string>;
};

const COMPARATOR_TEXT: Record<string, string> = { gt: '>', gte: GREATER_OR_EQUAL, lt: '<', lte: LESS_OR_EQUAL };

export function labelsOf(
  a: Pick<AlertView, 'ruleName' | 'severity' | 'projectSlug' | 'metric' | 'statistic' | 'extraLabels'>,
) {
  return {
    ...a.extraLabels,
    alertname: a.ruleName,
    severity: a.severity,
    project: a.projectSlug,
    metric: a.metric,
    statistic: a.statistic,
  };
}

/** Stable per project and rule: Alertmanager's fingerprint and PagerDuty's dedup_key. */
export function fingerprint(projectId: string, ruleId: string): string {
  return createHash('sha256').update(`${projectId}\u0000${ruleId}`).digest('hex').slice(0, 16);
}

export function dedupKey(a: Pick<AlertView, 'projectId' | 'ruleId'>): string {
  return `observatory-${fingerprint(a.projectId, a.ruleId)}`;
}

const formatValue = (a: AlertView) => formatRuleValue(a.value, a.thresholdUnit);
const formatThreshold = (a: AlertView) =>
  isRatioUnit(a.thresholdUnit) ? formatRuleValue(a.threshold, a.thresholdUnit) : String(a.threshold);

export function summary(a: AlertView, kind: AlertKind): string {
  const status = kind === 'resolved' ? 'RESOLVED' : kind === 'test' ? 'TEST' : 'FIRING';
  const condition = `${a.statistic} of ${a.metric} ${COMPARATOR_TEXT[a.comparator] ?? a.comparator} ${formatThreshold(a)}`;
  return `[${status}] ${a.ruleName} (${a.projectSlug}, ${a.severity}): ${condition}, value ${formatValue(a)}`.slice(
    0,
    1024,
  );
}

/** Slack escapes only &, < and > in text. */
function slackEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackPayload(a: AlertView, kind: AlertKind) {
  const text = summary(a, kind);
  const emoji =
    kind === 'resolved' ? ':white_check_mark:' : kind === 'test' ? ':information_source:' : ':rotating_light:';
  return {
    text,
    blocks: [
      {
        type: 'header',
        text: {
          type: 'plain_text',
          text: `${kind === 'resolved' ? 'Resolved' : kind === 'test' ? 'Test' : 'Firing'}: ${a.ruleName}`.slice(
            0,
            150,
          ),
          emoji: true,
        },
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `${emoji} ${slackEscape(text)}`.slice(0, 3000) },
        fields: [
          { type: 'mrkdwn', text: `*Project*\n${slackEscape(a.projectSlug)}` },
          { type: 'mrkdwn', text: `*Severity*\n${a.severity}` },
          { type: 'mrkdwn', text: `*Value*\n${formatValue(a)}` },
          { type: 'mrkdwn', text: `*Since*\n${a.startsAt.toISOString()}` },
        ],
      },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Observatory' }, url: a.url }],
      },
    ],
  };
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

export function webhookPayload(a: AlertView, kind: AlertKind, receiver: string, externalURL: string) {
  const status: AlertStatus = kind === 'resolved' ? 'resolved' : 'firing';
  const labels = labelsOf(a);
  const annotations = { summary: summary(a, kind), value: formatValue(a), threshold: formatThreshold(a) };
  return {
    version: '4',
    groupKey: `{}:{alertname=${JSON.stringify(a.ruleName)},project=${JSON.stringify(a.projectSlug)}}`,
    truncatedAlerts: 0,
    status,
    receiver,
    groupLabels: { alertname: a.ruleName, project: a.projectSlug },
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL,
    alerts: [
      {
        status,
        labels,
        annotations,
        startsAt: a.startsAt.toISOString(),
        endsAt: status === 'resolved' && a.endsAt ? a.endsAt.toISOString() : ZERO_TIME,
        generatorURL: a.url,
        fingerprint: fingerprint(a.projectId, a.ruleId),
      },
    ],
    // Not in Alertmanager's body: what this notification is (a repeat, a test).
    observatory: { kind },
  };
}

const PD_SEVERITY: Record<Severity, 'critical' | 'error' | 'warning' | 'info'> = {
  critical: 'critical',
  high: 'error',
  medium: 'warning',
  low: 'info',
};

export function pagerdutyPayload(a: AlertView, kind: AlertKind, routingKey: string) {
  const dedup_key = kind === 'test' ? `${dedupKey(a)}-test-${Date.now()}` : dedupKey(a);
  if (kind === 'resolved' || kind === 'acknowledge') {
    return { routing_key: routingKey, event_action: kind === 'resolved' ? 'resolve' : 'acknowledge', dedup_key };
  }
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key,
    payload: {
      summary: summary(a, kind),
      source: `observatory/${a.projectSlug}`,
      severity: PD_SEVERITY[a.severity],
      timestamp: a.startsAt.toISOString(),
      component: a.metric,
      group: a.projectSlug,
      class: a.statistic,
      custom_details: {
        value: a.value,
        threshold: a.threshold,
        thresholdUnit: a.thresholdUnit ?? null,
        comparator: a.comparator,
        rule: a.ruleName,
      },
    },
    links: [{ href: a.url, text: 'Open in Observatory' }],
    client: 'Observatory',
    client_url: a.url,
  };
}

function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function emailMessage(a: AlertView, kind: AlertKind) {
  const subject = summary(a, kind).slice(0, 200);
  const lines = [
    summary(a, kind),
    '',
    `Project: ${a.projectSlug}`,
    `Severity: ${a.severity}`,
    `Value: ${formatValue(a)}`,
    `Since: ${a.startsAt.toISOString()}`,
    ...(kind === 'resolved' && a.endsAt ? [`Resolved: ${a.endsAt.toISOString()}`] : []),
    '',
    `Open the alert: ${a.url}`,
  ];
  const rows = [
    ['Project', a.projectSlug],
    ['Severity', a.severity],
    ['Value', formatValue(a)],
    ['Since', a.startsAt.toISOString()],
  ]
    .map(([k, v]) => `<tr><th align="left">${htmlEscape(k!)}</th><td>${htmlEscape(v!)}</td></tr>`)
    .join('');
  const html =
    `<!doctype html><html><body><h2>${htmlEscape(summary(a, kind))}</h2>` +
    `<table>${rows}</table><p><a href="${htmlEscape(a.url)}">Open the alert in Observatory</a></p></body></html>`;
  return { subject, text: lines.join('\n'), html };
}
