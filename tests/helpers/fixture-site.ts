/**
 * A customer's site for the tracker's browser tests: a small HTTP server on its own 127.0.0.1
 * port (so another origin than Observatory's) whose pages carry the tracker tag and also run the
 * official web-vitals library, recording its callbacks in `window.__official` for comparison.
 * Any path serves the page (a single-page app); `?attr=1` tags attribution, `?endpoint=` overrides
 * the beacon endpoint. /slow.bmp answers after 2.8 s (a slow LCP image).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WEB_VITALS = {
  standard: path.join(ROOT, 'node_modules', 'web-vitals', 'dist', 'web-vitals.iife.js'),
  attribution: path.join(ROOT, 'node_modules', 'web-vitals', 'dist', 'web-vitals.attribution.iife.js'),
};
/**
 * A 400×200 image of random pixels: LCP counts an image at its intrinsic size and ignores
 * low-entropy ones (a flat colour), so it must be large and noisy. BMP needs no encoder.
 */
function noiseBmp(width: number, height: number): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const header = Buffer.alloc(54);
  header.write('BM', 0);
  header.writeUInt32LE(54 + row * height, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(width, 18);
  header.writeInt32LE(height, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  header.writeUInt32LE(row * height, 34);
  return Buffer.concat([header, randomBytes(row * height)]);
}
const IMAGE = noiseBmp(400, 200);

export type FixtureSite = {
  origin: string;
  /** The site id its pages' tracker tag carries (known once the project exists, which needs the origin). */
  setSite(site: string): void;
  close(): Promise<void>;
};
export type Recorded = { name: string; value: number; navigationType: string; url?: string };

const escape = (s: string) => s.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

function page(observatory: string, site: string, query: URLSearchParams): string {
  const attribution = query.get('attr') === '1';
  const endpoint = query.get('endpoint');
  const attributes = [
    `src="${escape(observatory)}/tracker.js"`,
    `data-site="${escape(site)}"`,
    attribution ? 'data-attribution="true"' : '',
    endpoint ? `data-endpoint="${escape(endpoint)}"` : '',
  ].join(' ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fixture shop</title>
<script src="/web-vitals.js${attribution ? '?attr=1' : ''}"></script>
<script>
  window.__official = [];
  for (const on of ['onTTFB', 'onFCP', 'onLCP', 'onCLS', 'onINP']) {
    webVitals[on]((m) => window.__official.push({ name: m.name, value: m.value, navigationType: m.navigationType, url: m.navigationURL }), { reportSoftNavs: true });
  }
</script>
<script defer ${attributes}></script>
<style>body { font: 16px sans-serif; margin: 2rem; } #hero { display: block; }</style>
</head><body>
<h1 id="title">Fixture shop</h1>
<p>Plain text so that the first paint has content.</p>
${attribution ? '<img id="hero" src="/slow.bmp?v=secret" alt="">' : ''}
<button id="slow">Slow button</button>
<a id="nav" href="/products/42">Product 42</a>
<div id="content"></div>
<script>
  document.getElementById('slow').addEventListener('click', () => {
    const end = performance.now() + 300;
    while (performance.now() < end);
    document.getElementById('content').textContent = 'Clicked at ' + Math.round(end);
  });
  document.getElementById('nav').addEventListener('click', (event) => {
    event.preventDefault();
    history.pushState({}, '', '/products/42');
    document.getElementById('title').textContent = 'Product 42';
    const more = document.createElement('p');
    more.textContent = 'A product page rendered by the single-page app, with enough text to paint.';
    document.body.appendChild(more);
  });
</script>
</body></html>`;
}

export async function fixtureSite(observatory: string, listenPort = 0): Promise<FixtureSite> {
  let site = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    if (url.pathname === '/web-vitals.js') {
      const file = url.searchParams.get('attr') === '1' ? WEB_VITALS.attribution : WEB_VITALS.standard;
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync(file));
    } else if (url.pathname === '/slow.bmp') {
      setTimeout(() => res.writeHead(200, { 'content-type': 'image/bmp' }).end(IMAGE), 2_800);
    } else if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(observatory, site, url.searchParams));
    }
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setSite: (id) => {
      site = id;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Makes the page hidden as switching tabs does: web-vitals and the tracker report on it. */
export const HIDE_PAGE = `(() => {
  Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
  Object.defineProperty(document, 'hidden', { value: true, configurable: true });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
})()`;
