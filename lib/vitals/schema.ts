/**
 * What the browser tracker sends to POST /api/v1/vitals: one beacon per flush of a page, with
 * the vitals measured since the last one. Strict and bounded: known vital names, durations up to
 * 60 s, CLS up to 100 (what Umami refuses too), short strings, at most MAX_EVENTS events.
 * Messages name the field and never repeat the input.
 */
import { z } from 'zod';
import { list, number, strict, text, typeError } from '../zod';
import { DEVICES, VITALS, type WebVital } from '../metrics';

export const VITALS_LIMITS = {
  /** Events per beacon: five vitals per route, a few routes of a single-page app. */
  maxEvents: 60,
  maxBodyBytes: 32 * 1024,
  maxDurationMs: 60_000,
  maxCls: 100,
  maxPathLength: 1_000,
  maxRouteLength: 200,
  maxTargetLength: 300,
  maxUrlLength: 1_000,
} as const;

const L = VITALS_LIMITS;

export const NAVIGATION_TYPES = [
  'navigate',
  'reload',
  'back-forward',
  'back-forward-cache',
  'prerender',
  'restore',
  'soft-navigation',
] as const;
export const CONNECTION_TYPES = ['slow-2g', '2g', '3g', '4g'] as const;
export const RATINGS = ['good', 'needs-improvement', 'poor'] as const;

/** Public ids are base62 (lib/projects/keys.ts); anything else is refused before any lookup. */
export const SITE_ID = /^[0-9A-Za-z]{6,32}$/;

const oneOf = <T extends readonly [string, ...string[]]>(what: string, values: T) =>
  z.enum(values, { error: `${what} must be one of ${values.join(', ')}` });

const CONTROL = /[\p{Cc}\p{Cf}]/u;
const LONE_SURROGATE = /\p{Cs}/u;

/** A URL path as the tracker sends it: from `/`, bounded, no control characters. */
const path = (what: string, max: number) =>
  z
    .string({ error: typeError(what, 'a string') })
    .max(max, `${what} must be at most ${max} characters`)
    .startsWith('/', `${what} must start with /`)
    .refine((value) => !CONTROL.test(value), `${what} must not contain control characters`)
    .refine((value) => !LONE_SURROGATE.test(value), `${what} must be valid unicode text`);

const duration = (what: string) => number(what, { min: 0, max: L.maxDurationMs });

const attribution = strict('attribution', {
  target: text('attribution.target', L.maxTargetLength).optional(),
  url: text('attribution.url', L.maxUrlLength).optional(),
  interaction: oneOf('attribution.interaction', ['pointer', 'keyboard'] as const).optional(),
  inputDelay: duration('attribution.inputDelay').optional(),
  processing: duration('attribution.processing').optional(),
  presentation: duration('attribution.presentation').optional(),
});

const event = strict('event', {
  name: oneOf('name', VITALS as [WebVital, ...WebVital[]]),
  // The bound depends on the vital (CLS has no unit); checked below, after the type.
  value: number('value', { min: 0, max: L.maxDurationMs }),
  rating: oneOf('rating', RATINGS).optional(),
  navigation: oneOf('navigation', NAVIGATION_TYPES).optional(),
  path: path('path', L.maxPathLength),
  route: path('route', L.maxRouteLength).optional(),
  attribution: attribution.optional(),
}).superRefine((e, ctx) => {
  if (e.name === 'CLS' && e.value > L.maxCls) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: `CLS must be from 0 to ${L.maxCls}` });
  }
});

export const beaconBody = strict('body', {
  site: z
    .string({ error: typeError('site', 'a string') })
    .regex(SITE_ID, 'site must be a project site id (6 to 32 letters and digits)'),
  page: z
    .string({ error: typeError('page', 'a string') })
    .regex(/^[0-9A-Za-z_-]{8,64}$/, 'page must be 8 to 64 letters, digits, _ or -'),
  device: oneOf('device', DEVICES),
  connection: oneOf('connection', CONNECTION_TYPES).optional(),
  events: list('events', event, L.maxEvents),
});

export type Beacon = z.output<typeof beaconBody>;
export type BeaconEvent = Beacon['events'][number];
