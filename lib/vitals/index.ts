/**
 * The beacon endpoint's work (POST /api/v1/vitals), in the order that keeps it cheap: the small
 * body, the site id from memory (no database read), the origin, bots, rate limits, then strict
 * validation and one write through the ingestion writer, answered after commit. Drops are
 * counted per project (counters.ts) and shown on the project's Settings.
 */
import 'server-only';
import { getConfig } from '../config';
import { getDb } from '../db';
import { ApiError, badRequest, forbidden, invalid, notFound } from '../http/errors';
import { clientIp } from '../http/client-ip';
import { parseInput } from '../http/issues';
import { readJsonBody, takeOrRefuse } from '../http/route';
import { getWriter } from '../ingest';
import { onProjectsChanged } from '../projects/changes';
import { originsOf } from '../projects/store';
import { perPeriod, type BucketRule } from '../ratelimit';
import { onShutdown } from '../shutdown';
import { isBot } from './bots';
import { corsHeaders, preflightHeaders } from './cors';
import { BeaconCounters, type DropReason } from './counters';
import { fastBeacon } from './fast';
import { beaconRows } from './rows';
import { beaconBody, SITE_ID, VITALS_LIMITS } from './schema';
import { SiteCache, type Site } from './sites';

type VitalsState = { sites: SiteCache; counters: BeaconCounters; perIp: BucketRule | null; perSite: BucketRule | null };

const globalForVitals = globalThis as unknown as { observatoryVitals?: VitalsState };

function state(): VitalsState {
  if (!globalForVitals.observatoryVitals) {
    const sites = new SiteCache(async () =>
      (await getDb().project.findMany({ select: { id: true, siteId: true, allowedOrigins: true } })).map((p) => ({
        id: p.id,
        siteId: p.siteId,
        allowedOrigins: originsOf(p.allowedOrigins),
      })),
    );
    onProjectsChanged(() => sites.invalidate());
    const counters = new BeaconCounters((projectId, points) => getWriter().submit(projectId, points));
    onShutdown(async () => {
      counters.stop();
      await counters.flush();
    });
    const { VITALS_RATE_PER_IP: ip, VITALS_RATE_PER_SITE: site } = getConfig();
    globalForVitals.observatoryVitals = {
      sites,
      counters,
      perIp: ip > 0 ? perPeriod(ip, 60) : null,
      perSite: site > 0 ? perPeriod(site, 60) : null,
    };
  }
  return globalForVitals.observatoryVitals;
}

/** Counts the drop for the project and passes the refusal on. */
function drop(site: Site, reason: DropReason, err: ApiError): never {
  state().counters.add(site.projectId, reason);
  throw err;
}

function withHeaders(err: unknown, headers: Record<string, string>): never {
  if (err instanceof ApiError)
    throw new ApiError(err.status, err.code, err.message, err.details, { ...err.headers, ...headers });
  throw err;
}

/** The site id of a parsed body, before the rest of it is checked (drops are counted per project). */
function siteIdOf(body: unknown): string {
  const site =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { site?: unknown }).site : undefined;
  if (site === undefined) throw invalid('invalid body: site: site is required');
  if (typeof site !== 'string' || !SITE_ID.test(site)) {
    throw invalid('invalid body: site: site must be a project site id (6 to 32 letters and digits)');
  }
  return site;
}

export async function acceptBeacon(req: Request): Promise<Response> {
  const { sites, counters, perIp, perSite } = state();
  const body = await readJsonBody(req, VITALS_LIMITS.maxBodyBytes, { textPlain: true });
  const site = await sites.get(siteIdOf(body));
  if (!site) throw notFound('no project has this site id; copy the tracker tag from Settings → Projects');

  const origin = req.headers.get('origin');
  if (!origin || !site.origins.has(origin)) {
    drop(
      site,
      'origin',
      forbidden(
        origin
          ? 'this origin may not send beacons for this site; add it to the project’s allowed origins'
          : 'beacons must come from a browser page (no Origin header)',
      ),
    );
  }
  const cors = corsHeaders(origin);
  // The same answer as a stored beacon: nothing for a crawler to learn.
  if (isBot(req.headers.get('user-agent'))) {
    counters.add(site.projectId, 'bot');
    return new Response(null, { status: 204, headers: cors });
  }
  try {
    if (perIp) await takeOrRefuse(`vitals-ip:${clientIp(req)}`, perIp);
    if (perSite) await takeOrRefuse(`vitals-site:${site.projectId}`, perSite);
  } catch (err) {
    counters.add(site.projectId, 'rate_limited');
    withHeaders(err, cors);
  }
  let beacon;
  try {
    beacon = fastBeacon(body) ?? parseInput(beaconBody, body, { prefix: 'invalid body: ' });
  } catch (err) {
    counters.add(site.projectId, 'invalid');
    withHeaders(err, cors);
  }
  const { points, side } = beaconRows(site.projectId, beacon, Date.now());
  try {
    await getWriter().submit(site.projectId, points, side);
  } catch (err) {
    withHeaders(err, cors);
  }
  counters.add(site.projectId, 'accepted');
  return new Response(null, { status: 204, headers: cors });
}

/** The CORS preflight: allowed when the origin is the named site's (`?site=`), or any project's. */
export async function preflightBeacon(req: Request): Promise<Response> {
  const { sites } = state();
  const origin = req.headers.get('origin');
  if (!origin) throw badRequest('a CORS preflight needs an Origin header');
  const siteId = new URL(req.url).searchParams.get('site');
  const allowed =
    siteId !== null && SITE_ID.test(siteId)
      ? ((await sites.get(siteId))?.origins.has(origin) ?? false)
      : await sites.anyAllows(origin);
  if (!allowed) throw forbidden('this origin may not send beacons here');
  return new Response(null, { status: 204, headers: preflightHeaders(origin) });
}
