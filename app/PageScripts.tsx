import { Analytics } from '@vercel/analytics/next';
import { getConfig } from '@/lib/config';
import { selfSiteId } from '@/lib/selfmon';
import { TRACKER_PATH, trackerBuilt } from '@/lib/selfmon/tracker';

/**
 * Scripts every page loads besides the app's own: Observatory's browser tracker reporting this
 * app's vitals into its built-in project (while self-monitoring runs and the tracker is built),
 * and Vercel Web Analytics when VERCEL_ANALYTICS=true. Both carry the page's CSP nonce or are
 * inserted by a script that does ('strict-dynamic').
 */
export async function PageScripts({ nonce }: { nonce: string | undefined }) {
  const siteId = trackerBuilt() ? await selfSiteId() : null;
  return (
    <>
      {siteId && <script defer src={TRACKER_PATH} data-site={siteId} nonce={nonce} />}
      {getConfig().VERCEL_ANALYTICS === 'true' && <Analytics />}
    </>
  );
}
