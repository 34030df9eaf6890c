/**
 * What the demo project looks like: a small shop with a web front end, an API and a payments
 * service. Numbers are chosen to land around the budgets in the user's documents (API p95 under
 * 500 ms for most routes, three routes well above it; most pages' vitals good, /search poor).
 */
import type { Device } from '../metrics';
import type { Random } from '../random';

export const DEMO_PROJECT = { slug: 'demo', name: 'Demo shop' } as const;

export type DemoRoute = {
  service: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** The template the ingestion path turns `path()` into. */
  template: string;
  /** A raw path as a server would report it; the ingestion path templates it. */
  path: (rng: Random) => string;
  /** Share of traffic; health checks ignore the daily pattern. */
  weight: number;
  steady?: boolean;
  medianMs: number;
  sigma: number;
  /** Median DB time as a share of the duration; absent: the route does not touch the database. */
  dbShare?: number;
  /** Chance a request is served from cache; absent: the route does not use the cache. */
  cacheHit?: number;
  requestBytes?: number;
  /** Only some services report body sizes. */
  responseBytes?: number;
  /** Client errors answered in normal operation, e.g. 404 for a product that does not exist. */
  clientError?: { status: number; rate: number };
  /** Slowed down and failing during the incident (they wait on the database that fails over). */
  incident?: boolean;
};

const fixed = (p: string) => () => p;
const productId = (rng: Random) => String(rng.int(1, 4_000));
const uuid = (rng: Random) => {
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rng.next() * 16)]).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
};

export const DEMO_ROUTES: DemoRoute[] = [
  // shop-web: server-rendered pages
  {
    service: 'shop-web',
    method: 'GET',
    template: '/',
    path: fixed('/'),
    weight: 6,
    medianMs: 85,
    sigma: 0.4,
    cacheHit: 0.9,
    responseBytes: 48_000,
  },
  {
    service: 'shop-web',
    method: 'GET',
    template: '/products',
    path: fixed('/products'),
    weight: 4,
    medianMs: 120,
    sigma: 0.45,
    dbShare: 0.35,
    cacheHit: 0.75,
    responseBytes: 62_000,
  },
  {
    service: 'shop-web',
    method: 'GET',
    template: '/products/[id]',
    path: (r) => `/products/${productId(r)}`,
    weight: 6,
    medianMs: 105,
    sigma: 0.45,
    dbShare: 0.3,
    cacheHit: 0.7,
    responseBytes: 55_000,
    clientError: { status: 404, rate: 0.015 },
  },
  {
    service: 'shop-web',
    method: 'GET',
    template: '/cart',
    path: fixed('/cart'),
    weight: 1.5,
    medianMs: 70,
    sigma: 0.4,
    dbShare: 0.3,
    responseBytes: 24_000,
  },
  {
    service: 'shop-web',
    method: 'GET',
    template: '/checkout',
    path: fixed('/checkout'),
    weight: 0.8,
    medianMs: 140,
    sigma: 0.45,
    dbShare: 0.35,
    responseBytes: 31_000,
  },
  // shop-api: JSON for the pages and the mobile app
  {
    service: 'shop-api',
    method: 'GET',
    template: '/api/products',
    path: fixed('/api/products'),
    weight: 5,
    medianMs: 45,
    sigma: 0.5,
    dbShare: 0.55,
    cacheHit: 0.8,
    incident: true,
  },
  {
    service: 'shop-api',
    method: 'GET',
    template: '/api/products/[id]',
    path: (r) => `/api/products/${productId(r)}`,
    weight: 5,
    medianMs: 32,
    sigma: 0.45,
    dbShare: 0.5,
    cacheHit: 0.85,
    clientError: { status: 404, rate: 0.02 },
    incident: true,
  },
  {
    service: 'shop-api',
    method: 'GET',
    template: '/api/search',
    path: fixed('/api/search'),
    weight: 2.5,
    medianMs: 720,
    sigma: 0.5,
    dbShare: 0.8,
    responseBytes: 22_000,
  },
  {
    service: 'shop-api',
    method: 'GET',
    template: '/api/cart',
    path: fixed('/api/cart'),
    weight: 2,
    medianMs: 28,
    sigma: 0.4,
    dbShare: 0.5,
    cacheHit: 0.6,
    incident: true,
  },
  {
    service: 'shop-api',
    method: 'POST',
    template: '/api/cart/items',
    path: fixed('/api/cart/items'),
    weight: 1.2,
    medianMs: 55,
    sigma: 0.45,
    dbShare: 0.6,
    requestBytes: 180,
    clientError: { status: 422, rate: 0.01 },
    incident: true,
  },
  {
    service: 'shop-api',
    method: 'DELETE',
    template: '/api/cart/items/[uuid]',
    path: (r) => `/api/cart/items/${uuid(r)}`,
    weight: 0.3,
    medianMs: 40,
    sigma: 0.4,
    dbShare: 0.6,
    incident: true,
  },
  {
    service: 'shop-api',
    method: 'POST',
    template: '/api/checkout',
    path: fixed('/api/checkout'),
    weight: 0.6,
    medianMs: 150,
    sigma: 0.45,
    dbShare: 0.5,
    requestBytes: 1_400,
    clientError: { status: 422, rate: 0.03 },
    incident: true,
  },
  {
    service: 'shop-api',
    method: 'GET',
    template: '/api/orders/[id]',
    path: (r) => `/api/orders/${rngOrder(r)}`,
    weight: 0.5,
    medianMs: 48,
    sigma: 0.45,
    dbShare: 0.6,
    incident: true,
  },
  {
    service: 'shop-api',
    method: 'POST',
    template: '/api/auth/login',
    path: fixed('/api/auth/login'),
    weight: 0.7,
    medianMs: 95,
    sigma: 0.3,
    dbShare: 0.2,
    requestBytes: 120,
    clientError: { status: 401, rate: 0.06 },
  },
  {
    service: 'shop-api',
    method: 'GET',
    template: '/api/reports/export',
    path: fixed('/api/reports/export'),
    weight: 0.12,
    medianMs: 1_900,
    sigma: 0.45,
    dbShare: 0.85,
    responseBytes: 850_000,
  },
  {
    service: 'shop-api',
    method: 'GET',
    template: '/api/health',
    path: fixed('/api/health'),
    weight: 0.5,
    steady: true,
    medianMs: 3,
    sigma: 0.3,
  },
  // payments: waits on the card processor
  {
    service: 'payments',
    method: 'POST',
    template: '/payments/charge',
    path: fixed('/payments/charge'),
    weight: 0.5,
    medianMs: 610,
    sigma: 0.4,
    dbShare: 0.05,
    requestBytes: 700,
    clientError: { status: 402, rate: 0.04 },
  },
  {
    service: 'payments',
    method: 'POST',
    template: '/webhooks/stripe',
    path: fixed('/webhooks/stripe'),
    weight: 0.4,
    medianMs: 35,
    sigma: 0.4,
    dbShare: 0.4,
    requestBytes: 2_800,
  },
];

function rngOrder(rng: Random): string {
  return String(rng.int(100_000, 999_999));
}

/** The routes that are slow all the time, slowest first. */
export const SLOW_ROUTES = ['/api/reports/export', '/api/search', '/payments/charge'] as const;

export type DemoPage = {
  route: string;
  weight: number;
  /** Desktop medians; mobile and tablet are slower (DEVICE_FACTOR). */
  lcp: number;
  inp: number;
  cls: number;
  fcp: number;
  ttfb: number;
};

/** Most pages are good on desktop; /products/[id] shifts layout; /search is poor on mobile. */
export const DEMO_PAGES: DemoPage[] = [
  { route: '/', weight: 5, lcp: 1_150, inp: 70, cls: 0.02, fcp: 700, ttfb: 220 },
  { route: '/products', weight: 3, lcp: 1_450, inp: 85, cls: 0.03, fcp: 850, ttfb: 260 },
  { route: '/products/[id]', weight: 4, lcp: 1_600, inp: 95, cls: 0.09, fcp: 900, ttfb: 240 },
  { route: '/cart', weight: 1.2, lcp: 1_050, inp: 60, cls: 0.01, fcp: 650, ttfb: 200 },
  { route: '/checkout', weight: 0.6, lcp: 1_350, inp: 110, cls: 0.02, fcp: 800, ttfb: 300 },
  { route: '/search', weight: 1.5, lcp: 2_700, inp: 190, cls: 0.05, fcp: 1_400, ttfb: 650 },
];

export const DEVICE_SHARE: Record<Device, number> = { mobile: 0.58, tablet: 0.06, desktop: 0.36 };
/** Slower CPUs and networks: LCP, FCP and TTFB scale by `load`, INP by `input`. */
export const DEVICE_FACTOR: Record<Device, { load: number; input: number }> = {
  mobile: { load: 1.45, input: 2.2 },
  tablet: { load: 1.2, input: 1.5 },
  desktop: { load: 1, input: 1 },
};

/**
 * Infrastructure and business metrics the demo reports. Names follow OpenTelemetry's semantic
 * conventions where one exists (system.*, db.client.*), and so do their units: utilization and
 * hit ratios in `1` (0-1). The shop's own rates (conversion, bounce) are percentages (`%`, 0-100),
 * as analytics tools report them. Readers go by each series' unit (lib/metrics/units.ts).
 */
export const DEMO_METRICS = {
  cpu: { name: 'system.cpu.utilization', kind: 'gauge', unit: '1' },
  memory: { name: 'system.memory.usage', kind: 'gauge', unit: 'By' },
  dbConnections: { name: 'db.client.connection.count', kind: 'gauge', unit: null },
  cacheHitRate: { name: 'cache.hit_ratio', kind: 'gauge', unit: '1' },
  cdnHitRate: { name: 'cdn.hit_ratio', kind: 'gauge', unit: '1' },
  queueLength: { name: 'queue.length', kind: 'gauge', unit: null },
  pageViews: { name: 'business.page_views', kind: 'counter', unit: null },
  orders: { name: 'business.orders', kind: 'counter', unit: null },
  revenue: { name: 'business.revenue', kind: 'counter', unit: 'USD' },
  conversionRate: { name: 'business.conversion_rate', kind: 'gauge', unit: '%' },
  bounceRate: { name: 'business.bounce_rate', kind: 'gauge', unit: '%' },
  sessionDuration: { name: 'business.session.duration', kind: 'distribution', unit: 's' },
} as const;

export const DEMO_HOSTS = ['web-1', 'api-1'] as const;
export const DEMO_QUEUES = ['emails', 'orders'] as const;
