import { route } from '@/lib/http/route';
import { serveTracker } from '@/lib/tracker/serve';

/** The tracker with web-vitals' attribution build, loaded by /tracker.js when the tag has data-attribution="true". */
export const GET = route({ auth: 'public' }, ({ req }) => serveTracker(req, 'tracker.attribution.js'));
