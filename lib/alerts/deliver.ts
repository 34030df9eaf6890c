/**
 * Sends one notification to one channel and logs its delivery (AlertNotification: attempts,
 * status, last error). HTTP channels go through lib/outbound: its address checks, and its retry
 * policy (0.5 s × 1.5ⁿ, ±50% jitter, at most 60 s between attempts; 5xx, 429 and network errors
 * only, Retry-After honoured up to the cap). SMTP retries 4xx replies and network errors under
 * the same policy. Secrets never reach the log or an error message.
 */
import nodemailer from 'nodemailer';
import type { Db } from '../db/client';
import {
  OutboundError,
  request,
  sendOutcome,
  withRetries,
  type AllowList,
  type Outcome,
  type RequestOptions,
  type RetryPolicy,
} from '../outbound';
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
  allow: AllowList;
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  pagerdutyUrl: string;
  externalUrl: string;
  smtp: SmtpSettings;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
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

/** Receivers' answers are read only for the last error's first 200 characters. */
const MAX_ANSWER_BYTES = 64 * 1024;

export function retryPolicy(o: Pick<DeliveryOptions, 'attempts' | 'baseDelayMs' | 'maxDelayMs'>): RetryPolicy {
  return { attempts: o.attempts, baseDelayMs: o.baseDelayMs, factor: 1.5, maxDelayMs: o.maxDelayMs, jitter: 0.5 };
}

async function post(url: string, body: Omit<RequestOptions, 'url'>, o: DeliveryOptions): Promise<Outcome> {
  const timeoutMs = o.timeoutMs ?? 10_000;
  try {
    const res = await request({
      url,
      method: 'POST',
      ...body,
      allow: o.allow,
      timeout: { connectMs: timeoutMs, totalMs: timeoutMs },
      maxBodyBytes: MAX_ANSWER_BYTES,
    });
    return sendOutcome(res);
  } catch (err) {
    if (err instanceof OutboundError) return sendOutcome(err);
    throw err;
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
      return post(secret.url!, { json: slackPayload(alert, kind) }, o);
    case 'webhook': {
      if (kind === 'acknowledge') return { ok: true };
      return post(
        secret.url!,
        {
          json: webhookPayload(alert, kind, channel.name, o.externalUrl),
          headers: { 'user-agent': 'Observatory-Alerts/1' },
          // The timestamped signature, and the older body-only one receivers may be built on.
          sign: secret.hmacSecret ? { secret: secret.hmacSecret, legacy: true } : undefined,
        },
        o,
      );
    }
    case 'pagerduty': {
      const url = `${o.pagerdutyUrl.replace(/\/+$/, '')}/v2/enqueue`;
      return post(url, { json: pagerdutyPayload(alert, kind, secret.routingKey!) }, o);
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
  const result = await withRetries(retryPolicy(o), () => attempt(channel, kind, alert, o), {
    random: o.random,
    sleep: o.sleep,
    onFailure: async (n, outcome, last) => {
      lastError = outcome.error;
      await db.alertNotification.update({
        where: { id: row.id },
        data: { status: last ? 'failed' : 'pending', attempts: n, lastError },
      });
    },
  });
  if (!result.ok) return { id: row.id, status: 'failed', attempts: result.attempts, lastError };
  await db.alertNotification.update({
    where: { id: row.id },
    data: { status: 'sent', attempts: result.attempts, lastError, sentAt: new Date() },
  });
  return { id: row.id, status: 'sent', attempts: result.attempts, lastError };
}
