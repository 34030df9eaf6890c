/**
 * The screenshot matrix's data (tests/e2e/screens.spec.ts), sent once before its pages are drawn:
 * a project "Screens shop" on the main server with a day of request records and of page views'
 * vitals, a few beacons from now, a revoked key, an alert channel and a share link, through the
 * public API in a second or two. What the pages need to find (a route's page, the share link) is
 * left in E2E_DATA_DIR for the matrix's workers (and the accessibility checks').
 */
import fs from 'node:fs';
import { expect, request as playwrightRequest, test as setup } from '@playwright/test';
import { VITALS, WEB_VITALS, type WebVital } from '../../lib/metrics/web-vitals';
import {
  freshIp,
  recordSecret,
  sameOrigin,
  SCREENS_DIR,
  screensSetupFile,
  storageState,
  type ScreensSetup,
} from '../helpers/e2e';
import { beacon, BROWSER_UA, fiveVitals } from '../helpers/hostile-beacons';

const SLUG = 'screens';
const SHOP = 'https://shop.example';

setup('a project with a day of data to draw', async ({ baseURL }) => {
  setup.setTimeout(240_000);
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageState('admin') });
  const headers = sameOrigin(baseURL!);
  const created = await admin.post('/api/v1/projects', {
    headers,
    data: { name: 'Screens shop', slug: SLUG, allowedOrigins: [SHOP] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { siteId } = (await created.json()).project as { siteId: string };
  const keyRes = await admin.post(`/api/v1/projects/${SLUG}/keys`, {
    headers,
    data: { kind: 'ingest', name: 'screens' },
  });
  expect(keyRes.status(), await keyRes.text()).toBe(201);
  const { key } = (await keyRes.json()) as { key: string };
  recordSecret(key);
  // A key revoked since, listed as such.
  const oldKey = await admin.post(`/api/v1/projects/${SLUG}/keys`, {
    headers,
    data: { kind: 'ingest', name: 'replaced' },
  });
  expect(oldKey.status(), await oldKey.text()).toBe(201);
  const replaced = (await oldKey.json()) as { key: string; record: { id: string } };
  recordSecret(replaced.key);
  const revoked = await admin.delete(`/api/v1/projects/${SLUG}/keys/${replaced.record.id}`, { headers });
  expect(revoked.ok(), await revoked.text()).toBe(true);

  // A day of a small shop's API: a busy product route, a slower search, a checkout that fails now and then.
  const anonymous = await playwrightRequest.newContext({ baseURL });
  const mix = ['/products/42', '/products/42', '/products/42', '/search', '/cart', '/checkout'];
  const slowness: Record<string, number> = { '/products/42': 35, '/search': 180, '/cart': 60, '/checkout': 240 };
  // Busier and slower in waves over the day, as traffic comes and goes.
  let at = Date.now();
  const requests = Array.from({ length: 600 }, (_, i) => {
    const route = mix[i % mix.length]!;
    const wave = Math.sin(i / 40);
    at -= Math.round(150_000 + 90_000 * wave);
    return {
      service: 'shop-api',
      route,
      method: route === '/cart' || route === '/checkout' ? 'POST' : 'GET',
      status: route === '/checkout' && i % 24 === 5 ? 503 : 200,
      durationMs: Math.round(slowness[route]! * (1.3 - 0.4 * wave) + (i % 7) * 4),
      dbTimeMs: Math.round(slowness[route]! / 3),
      ts: new Date(at).toISOString(),
    };
  });
  const sent = await anonymous.post('/api/v1/requests', { headers: { 'x-api-key': key }, data: { requests } });
  expect(sent.status(), await sent.text()).toBe(202);
  // A deploy three hours ago, marked on every chart.
  const deployed = await anonymous.post('/api/v1/deployments', {
    headers: { 'x-api-key': key },
    data: { service: 'shop-api', version: 'v2.3.0', commit: '4f1c2e9a7b', ts: Date.now() - 3 * 3_600_000 },
  });
  expect(deployed.status(), await deployed.text()).toBe(201);

  // A day of page views' vitals, as the metrics API takes them (the demo loader's way): phones
  // slower, /search poor; and a few beacons from now, as the tracker sends them.
  const pages: Record<string, Record<WebVital, number>> = {
    '/': { LCP: 1_700, INP: 110, CLS: 0.03, FCP: 1_000, TTFB: 280 },
    '/products/[id]': { LCP: 2_300, INP: 160, CLS: 0.06, FCP: 1_300, TTFB: 350 },
    '/search': { LCP: 3_600, INP: 340, CLS: 0.16, FCP: 2_000, TTFB: 650 },
  };
  // One page's views every 5 minutes (the charts' step over 24 hours), the pages in turn.
  const routes = Object.keys(pages);
  const points = Array.from({ length: 288 }, (_, slot) => {
    const route = routes[slot % routes.length]!;
    return (['desktop', 'mobile'] as const).flatMap((device) =>
      VITALS.map((vital) => ({
        name: WEB_VITALS[vital].metric,
        kind: 'distribution',
        ...(WEB_VITALS[vital].unit && { unit: WEB_VITALS[vital].unit }),
        value:
          Math.round(
            pages[route]![vital] *
              (device === 'mobile' ? 1.6 : 1) *
              (1 + 0.25 * Math.sin(slot / 24)) *
              (0.85 + (slot % 5) * 0.08) *
              1_000,
          ) / 1_000,
        ts: Date.now() - slot * 300_000,
        tags: { route, device },
      })),
    );
  }).flat();
  const vitals = await anonymous.post('/api/v1/metrics', { headers: { 'x-api-key': key }, data: { points } });
  expect(vitals.status(), await vitals.text()).toBe(202);
  for (let i = 0; i < 6; i++) {
    const device = i % 2 ? 'mobile' : 'desktop';
    const events = fiveVitals(['/', '/products/42', '/search'][i % 3]).map(({ rating: _, ...e }) => e);
    const res = await anonymous.post('/api/v1/vitals', {
      headers: { origin: SHOP, 'content-type': 'text/plain', 'user-agent': BROWSER_UA, 'x-forwarded-for': freshIp() },
      data: JSON.stringify(beacon(siteId, events, { page: `screens-page-${i}`, device })),
    });
    expect(res.status(), await res.text()).toBe(204);
  }
  await anonymous.dispose();

  const channel = await admin.post(`/api/v1/projects/${SLUG}/alerts/channels`, {
    headers,
    data: { type: 'email', name: 'Team mail', to: ['team@e2e.test'] },
  });
  expect(channel.status(), await channel.text()).toBe(201);

  const range = `from=${Date.now() - 86_400_000}&to=${Date.now()}`;
  const endpoints = await admin.get(`/api/v1/query/endpoints?project=${SLUG}&${range}`);
  expect(endpoints.status(), await endpoints.text()).toBe(200);
  const busiest = (await endpoints.json()).endpoints.endpoints[0] as { service: string; method: string; route: string };
  const routePath = `/endpoints/route?${new URLSearchParams({ project: SLUG, ...busiest })}`;
  // The checkout's slowest request kept whole, for the request page.
  const checkout = await admin.get(
    `/api/v1/query/endpoint?${new URLSearchParams({ project: SLUG, service: 'shop-api', method: 'POST', route: '/checkout' })}&${range}`,
  );
  expect(checkout.status(), await checkout.text()).toBe(200);
  const [slowest] = (await checkout.json()).endpoint.slowest as { id: number }[];
  expect(slowest).toBeDefined();
  const requestPath = `/endpoints/request?project=${SLUG}&id=${slowest!.id}`;
  const share = await admin.post(`/api/v1/projects/${SLUG}/shares`, { headers, data: { name: 'Screens' } });
  expect(share.status(), await share.text()).toBe(201);
  const { url } = (await share.json()) as { url: string };
  recordSecret(url.split('/share/')[1]!);
  // The optimizer's findings on that day, for its page. Points for hours compaction has built are
  // staged until its next run folds them (within a minute): detect once they are in.
  await expect(async () => {
    const detected = await admin.post(`/api/v1/projects/${SLUG}/recommendations/run`, { headers });
    expect(detected.status(), await detected.text()).toBe(200);
    const { run } = (await detected.json()) as { run: { findings: number } };
    // /search's LCP, INP and CLS; /products/[id]'s LCP and INP.
    expect(run.findings).toBeGreaterThanOrEqual(5);
  }).toPass({ intervals: [2_000, 5_000], timeout: 150_000 });
  const screens: ScreensSetup = { slug: SLUG, routePath, requestPath, sharePath: new URL(url).pathname };
  fs.writeFileSync(screensSetupFile(), JSON.stringify(screens));
  // This run's pictures only.
  fs.rmSync(SCREENS_DIR, { recursive: true, force: true });
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  await admin.dispose();
});
