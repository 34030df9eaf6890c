import { route } from '@/lib/http/route';
import { serveTracker } from '@/lib/tracker/serve';

/** The browser tracker, loaded by other sites' pages: `<script defer src=".../tracker.js" data-site="…">`. */
export const GET = route({ auth: 'public' }, ({ req }) => serveTracker(req, 'tracker.js'));
