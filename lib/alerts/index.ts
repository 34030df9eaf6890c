/** The process's alert evaluator, configured from the environment (lib/config.ts). */
import 'server-only';
import { getConfig } from '../config';
import { getDb } from '../db';
import type { DeliveryOptions } from './deliver';
import { AlertEvaluator } from './evaluate';
import { outboundSettings } from '../outbound';

export function deliveryOptions(): DeliveryOptions {
  const c = getConfig();
  return {
    allow: outboundSettings().allow,
    attempts: c.ALERTS_DELIVERY_ATTEMPTS,
    baseDelayMs: 500,
    maxDelayMs: 60_000,
    pagerdutyUrl: c.PAGERDUTY_EVENTS_URL,
    externalUrl: c.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
    smtp: {
      host: c.SMTP_HOST,
      port: c.SMTP_PORT,
      secure: c.SMTP_SECURE === 'true',
      user: c.SMTP_USER,
      password: c.SMTP_PASSWORD,
      from: c.SMTP_FROM,
    },
  };
}

const globalForAlerts = globalThis as unknown as { observatoryAlerts?: AlertEvaluator };

export function alertEvaluator(): AlertEvaluator {
  globalForAlerts.observatoryAlerts ??= new AlertEvaluator(getDb(), {
    ...deliveryOptions(),
    intervalMs: getConfig().ALERTS_EVAL_INTERVAL_SECONDS * 1000,
  });
  return globalForAlerts.observatoryAlerts;
}
