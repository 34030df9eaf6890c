/**
 * Sends one notification to one channel and logs its delivery (AlertNotification: attempts,
 * status, last error). Retries with exponential backoff (0.5 s × 1.5ⁿ, ±50% jitter, at most
 * 60 s between attempts) only for 5xx, 429 and network errors (SMTP: 4xx replies and network
 * errors); other answers fail at once. Secrets never reach the log or an error message.
 */
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Db } from '../db/client';
import { OutboundRefused, postJson } from './outbound';
import {
  emailMessage,
  pagerdutyPayload,
  slackPayload,
  webhookPayload,
  type AlertKind,
  type AlertView,
} from './payloads';

export type SmtpSettings = {
  host: string | undefined;
  port: number;
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string;
};

export type DeliveryOptions = {
  allow: Set<string>;
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  pagerdutyUrl: string;
  externalUrl: string;
  smtp: SmtpSettings;
  random?: () => number;
  timeoutMs?: number;
};

export type ChannelRecord = {
  id: string;
  projectId: string;
  name: string;
  type: string;
  config: string;
  secret: string;
};

type Outcome = { ok: true } | { ok: false; retry: boolean; error: string };

export function backoffMs(attempt: number, o: Pick<DeliveryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const raw = Math.min(o.maxDelayMs, o.baseDelayMs * 1.5 ** (attempt - 1));
  const jitter = 1 + ((o.random ?? Math.random)() - 0.5);
  return Math.min(o.maxDelayMs, Math.round(raw * jitter));
}

function httpOutcome(status: number, body: string): Outcome {
  if (status >= 200 && status < 300) return { ok: true };
  const detail = body.slice(0, 200).replace(/\s+/g, ' ');
  return { ok: false, retry: status === 429 || status >= 500, error: `HTTP ${status}${detail ? `: ${detail}` : ''}` };
}

function networkOutcome(err: unknown): Outcome {
  if (err instanceof OutboundRefused) return { ok: false, retry: false, error: err.message };
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  return { ok: false, retry: true, error: code ? `${code}: ${message}` : message };
}

async function post(
  url: string,
  payload: unknown,
  headers: Record<string, string>,
  o: DeliveryOptions,
): Promise<Outcome> {
  try {
    const res = await postJson(url, JSON.stringify(payload), headers, o.allow, o.timeoutMs);
    return httpOutcome(res.status, res.body);
  } catch (err) {
    return networkOutcome(err);
  }
}

/** One attempt. */
async function attempt(
  channel: ChannelRecord,
  kind: AlertKind,
  alert: AlertView,
  o: DeliveryOptions,
): Promise<Outcome> {
  const config = JSON.parse(channel.config) as Record<string, unknown>;
  const secret = JSON.parse(channel.secret) as Record<string, string | undefined>;
  switch (channel.type) {
    case 'slack':
      if (kind === 'acknowledge') return { ok: true };
      return post(secret.url!, slackPayload(alert, kind), {}, o);
    case 'webhook': {
      if (kind === 'acknowledge') return { ok: true };
      const body = JSON.stringify(webhookPayload(alert, kind, channel.name, o.externalUrl));
      const headers: Record<string, string> = { 'user-agent': 'Observatory-Alerts/1' };
      if (secret.hmacSecret) {
        headers['x-observatory-signature'] =
          `sha256=${createHmac('sha256', secret.hmacSecret).update(body).digest('hex')}`;
      }
      try {
        const res = await postJson(secret.url!, body, headers, o.allow, o.timeoutMs);
        return httpOutcome(res.status, res.body);
      } catch (err) {
        return networkOutcome(err);
      }
    }
    case 'pagerduty': {
      const url = `${o.pagerdutyUrl.replace(/\/+$/, '')}/v2/enqueue`;
      return post(url, pagerdutyPayload(alert, kind, secret.routingKey!), {}, o);
    }
    case 'email': {
      if (kind === 'acknowledge') return { ok: true };
      if (!o.smtp.host) return { ok: false, retry: false, error: 'SMTP_HOST is not set: email channels cannot send' };
      const transport = nodemailer.createTransport({
        host: o.smtp.host,
        port: o.smtp.port,
        secure: o.smtp.secure,
        auth: o.smtp.user ? { user: o.smtp.user, pass: o.smtp.password ?? '' } : undefined,
        connectionTimeout: o.timeoutMs ?? 10_000,
        greetingTimeout: o.timeoutMs ?? 10_000,
        socketTimeout: o.timeoutMs ?? 10_000,
      });
      const message = emailMessage(alert, kind);
      try {
        await transport.sendMail({ from: o.smtp.from, to: config.to as string[], ...message });
        return { ok: true };
      } catch (err) {
        const responseCode = (err as { responseCode?: number }).responseCode;
        const error = err instanceof Error ? err.message.slice(0, 300) : String(err);
        // SMTP: 4xx replies are transient, 5xx permanent; no reply at all is a network error.
        return { ok: false, retry: responseCode === undefined || responseCode < 500, error };
      } finally {
        transport.close();
      }
    }
    default:
      return { ok: false, retry: false, error: `unknown channel type ${channel.type}` };
  }
}

export type DeliveryResult = { id: string; status: 'sent' | 'failed'; attempts: number; lastError: string | null };

/** Sends with retries, logging every attempt; resolves (never rejects) once sent or given up. */
export async function deliver(
  db: Db,
  channel: ChannelRecord,
  kind: AlertKind,
  alert: AlertView,
  o: DeliveryOptions,
): Promise<DeliveryResult> {
  const row = await db.alertNotification.create({
    data: {
      projectId: channel.projectId,
      ruleId: kind === 'test' ? null : alert.ruleId,
      channelId: channel.id,
      kind,
    },
  });
  let lastError: string | null = null;
  for (let n = 1; n <= o.attempts; n++) {
    let outcome: Outcome;
    try {
      outcome = await attempt(channel, kind, alert, o);
    } catch (err) {
      outcome = { ok: false, retry: false, error: err instanceof Error ? err.message : String(err) };
    }
    if (outcome.ok) {
      await db.alertNotification.update({
        where: { id: row.id },
        data: { status: 'sent', attempts: n, lastError, sentAt: new Date() },
      });
      return { id: row.id, status: 'sent', attempts: n, lastError };
    }
    lastError = outcome.error;
    const last = !outcome.retry || n === o.attempts;
    await db.alertNotification.update({
      where: { id: row.id },
      data: { status: last ? 'failed' : 'pending', attempts: n, lastError },
    });
    if (last) return { id: row.id, status: 'failed', attempts: n, lastError };
    await new Promise((r) => setTimeout(r, backoffMs(n, o)));
  }
  return { id: row.id, status: 'failed', attempts: o.attempts, lastError };
}
