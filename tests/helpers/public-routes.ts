/**
 * Everything anyone may reach without signing in: a reviewed list, each with why. A route file
 * that declares auth: 'public', or a file put in public/, fails tests/unit/routes.test.ts until
 * it is listed here, and tests/e2e/access.spec.ts checks over HTTP that every route and page not
 * listed refuses anonymous visitors.
 */
export const PUBLIC_ROUTES: Record<string, string> = {
  // Load balancers and uptime checks call it without credentials; it reveals no data.
  'app/api/health/route.ts': 'health check',
  // Signing in is how a visitor gets credentials; limited per account and per IP.
  'app/api/auth/sign-in/email/route.ts': 'sign-in',
  // Only while no user exists: creates the first admin (409 afterwards).
  'app/api/setup/route.ts': 'first-run setup',
  // Browsers on customers' sites send Core Web Vitals here from /tracker.js; a page cannot hold a
  // secret, so the public site id, the project's allowed origins, bot filtering and rate limits
  // per address and per site guard it instead (lib/vitals).
  'app/api/v1/vitals/route.ts': 'browser vitals beacons',
  // Benchmark-only (bench/vitals-http.ts): a 404 unless OBSERVATORY_BENCH_ROUTES=true, which no
  // deployment sets; with it, it reads a beacon-sized body and stores nothing.
  'app/api/bench/beacon-noop/route.ts': 'benchmark baseline for the beacon endpoint',
  // The tracker script itself: public JavaScript that other sites' pages load.
  'app/tracker.js/route.ts': 'browser tracker script',
  'app/tracker.attribution.js/route.ts': 'browser tracker script with attribution',
};

export const PUBLIC_PAGES: Record<string, string> = {
  'app/sign-in/page.tsx': 'sign-in form',
  // Leads to sign-in once any user exists.
  'app/setup/page.tsx': 'first-run setup form',
  // The token in the address is the credential: unknown or revoked tokens are a 404.
  'app/share/[token]/page.tsx': 'share links',
};

/** Files in public/, which Next.js serves to anyone at their path (public/robots.txt is /robots.txt). */
export const PUBLIC_FILES: Record<string, string> = {
  // Keeps search engines out of every page, share links included (they are public to whoever holds one).
  'public/robots.txt': 'search engines kept out',
};
