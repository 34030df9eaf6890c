/**
 * The browser tracker (served as /tracker.js, built by scripts/lib/tracker-build.ts): Core Web
 * Vitals from the `web-vitals` library, queued per page load and sent in one beacon when the
 * page is hidden. Runs on other people's sites, so it never throws into the page, never logs,
 * sets no cookies and stores nothing in the browser, and sends no personal data: paths without
 * query or fragment, a device class, a random id for this page load only.
 *
 * Size matters (at most 4 KB brotli with web-vitals, tests/unit/tracker-size.test.ts): plain
 * code, no helpers that esbuild cannot drop. Attribution code exists only in the attribution
 * build (`__ATTRIBUTION__`), loaded instead when the tag asks for it.
 */
import type { MetricType, ReportOpts } from 'web-vitals';
import type { MetricWithAttribution } from 'web-vitals/attribution';

declare const __ATTRIBUTION__: boolean;

type On = (report: (metric: MetricType) => void, opts?: ReportOpts) => void;
export type Vitals = { onLCP: On; onINP: On; onCLS: On; onFCP: On; onTTFB: On };

type Attribution = {
  target?: string;
  url?: string;
  interaction?: string;
  inputDelay?: number;
  processing?: number;
  presentation?: number;
};
type Event = {
  name: string;
  value: number;
  rating: string;
  navigation: string;
  path: string;
  route?: string;
  attribution?: Attribution;
};
type Visit = { t: number; path: string; route?: string };

/** The server's limits (lib/vitals/schema.ts): an event beyond them would cost the whole beacon. */
const MAX_EVENTS = 60;
const MAX_MS = 60_000;
const MAX_CLS = 100;

/** Printable, bounded text, or undefined: no control or format characters, no split surrogate pair. */
function clean(value: string | undefined, max: number): string | undefined {
  const out = value
    ?.replace(/[\p{Cc}\p{Cf}]/gu, '')
    .slice(0, max)
    .replace(/[\uD800-\uDBFF]$/, '')
    .trim();
  return out || undefined;
}

function attributionOf(metric: MetricType): Attribution | undefined {
  if (!__ATTRIBUTION__) return undefined;
  const m = metric as MetricWithAttribution;
  if (m.name === 'LCP')
    return { target: clean(m.attribution.target, 300), url: clean(m.attribution.url?.split(/[?#]/)[0], 1000) };
  if (m.name === 'CLS') return { target: clean(m.attribution.largestShiftTarget, 300) };
  if (m.name === 'INP') {
    const a = m.attribution;
    return {
      target: clean(a.interactionTarget, 300),
      interaction: a.interactionType,
      inputDelay: Math.min(a.inputDelay, MAX_MS),
      processing: Math.min(a.processingDuration, MAX_MS),
      presentation: Math.min(a.presentationDelay, MAX_MS),
    };
  }
  return undefined;
}

function deviceClass(): string {
  const ua = navigator.userAgent;
  // iPadOS says Macintosh, with touch.
  if (/iPad|Tablet|Android(?!.*Mobi)/i.test(ua) || (/Mac/.test(ua) && navigator.maxTouchPoints > 1)) return 'tablet';
  return /Mobi|iPhone|Android/i.test(ua) ? 'mobile' : 'desktop';
}

/** A callback that swallows its errors: it runs inside the host page's events and observers. */
function safe<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      fn(...args);
    } catch {
      // Nothing reaches the page.
    }
  };
}

function run(vitals: Vitals, script: HTMLScriptElement): void {
  const data = script.dataset;
  const site = data.site;
  if (!site) return;
  if (!__ATTRIBUTION__ && data.attribution === 'true') {
    // The larger build with attribution, given the same attributes; this one stops here.
    const next = document.createElement('script');
    next.src = new URL('tracker.attribution.js', script.src).href;
    for (const key in data) next.dataset[key] = data[key];
    document.head.appendChild(next);
    return;
  }
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean; connection?: { effectiveType?: string } };
  if (data.doNotTrack === 'true' && (nav.doNotTrack === '1' || nav.globalPrivacyControl)) return;
  const rate = Number(data.sampleRate);
  // Decided once per page load: a sampled-out page sends nothing at all.
  if (rate < 1 && !(Math.random() < rate)) return;

  const endpoint = data.endpoint || new URL('/api/v1/vitals', script.src).href;
  const connection = nav.connection?.effectiveType;
  const common = {
    site,
    page: Math.random().toString(36).slice(2, 10) + Date.now().toString(36),
    device: deviceClass(),
    connection: /^(slow-)?[234]g$/.test(connection ?? '') ? connection : undefined,
  };
  const queue: Event[] = [];

  // Which path (and template) was shown when: single-page apps change it without a page load.
  const visits: Visit[] = [];
  const visit = safe(() => {
    // Percent-encoded: no control characters; the query and fragment are not part of it.
    const path = location.pathname.slice(0, 1000);
    if (visits[visits.length - 1]?.path !== path) {
      visits.push({ t: performance.now(), path, route: clean(script.getAttribute('data-route') ?? undefined, 200) });
      if (visits.length > 50) visits.splice(1, 1);
    }
  });
  visit();
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      visit();
      return result;
    };
  }
  addEventListener('popstate', visit);

  /** The page a metric belongs to: its soft navigation's, or the one shown when its last entry happened. */
  const visitOf = (m: MetricType): Visit => {
    if (m.navigationType === 'soft-navigation' && m.navigationURL) {
      const path = new URL(m.navigationURL).pathname.slice(0, 1000);
      for (let i = visits.length; i--;) if (visits[i]!.path === path) return visits[i]!;
      return { t: 0, path };
    }
    const t = m.entries[m.entries.length - 1]?.startTime ?? 0;
    let found = visits[0]!;
    for (const v of visits) if (v.t <= t) found = v;
    return found;
  };

  const report = safe((m: MetricType) => {
    if (!(m.value >= 0 && m.value <= (m.name === 'CLS' ? MAX_CLS : MAX_MS))) return;
    const v = visitOf(m);
    queue.push({
      name: m.name,
      value: m.value,
      rating: m.rating,
      navigation: m.navigationType,
      path: v.path,
      route: v.route,
      attribution: attributionOf(m),
    });
  });
  const send = safe(() => {
    while (queue.length) {
      const body = JSON.stringify({ ...common, events: queue.splice(0, MAX_EVENTS) });
      // A string body is text/plain: no CORS preflight. No cookies are sent with the fallback.
      if (!navigator.sendBeacon?.(endpoint, body)) {
        fetch(endpoint, { method: 'POST', body, keepalive: true, credentials: 'omit' }).catch(() => undefined);
      }
    }
  });
  const opts = { reportSoftNavs: true };
  vitals.onTTFB(report, opts);
  vitals.onFCP(report, opts);
  vitals.onLCP(report, opts);
  vitals.onCLS(report, opts);
  vitals.onINP(report, opts);
  // Bubbling, so after every web-vitals listener (all capture phase, some added late) has reported.
  addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && send());
  addEventListener('pagehide', send);
}

/** Runs the tracker for the <script> being executed; nothing it does may reach the page. */
export function start(vitals: Vitals): void {
  try {
    const script = document.currentScript;
    if (script instanceof HTMLScriptElement) run(vitals, script);
  } catch {
    // An old browser or an odd page: no vitals rather than an error in someone else's site.
  }
}
