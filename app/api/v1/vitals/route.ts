import { route } from '@/lib/http/route';
import { beaconSecurityHeaders } from '@/lib/security/headers';
import { acceptBeacon, preflightBeacon } from '@/lib/vitals';

/**
 * Core Web Vitals beacons from the browser tracker (/tracker.js) on customers' pages: public,
 * since a page cannot hold a secret. The project's site id, its allowed origins (CORS), bot
 * filtering and per-address and per-site limits stand in for a key (lib/vitals).
 */
export const POST = route({ auth: 'public', headers: beaconSecurityHeaders() }, ({ req }) => acceptBeacon(req));

/** The CORS preflight of a fetch() fallback that sends another content type than text/plain. */
export const OPTIONS = route({ auth: 'public', headers: beaconSecurityHeaders() }, ({ req }) => preflightBeacon(req));
