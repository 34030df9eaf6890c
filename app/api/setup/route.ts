import { getAuth, originOf } from '@/lib/auth';
import { completeSetup, setupInput } from '@/lib/auth/setup';
import { signInAfterSetup } from '@/lib/auth/signin';
import { getDb } from '@/lib/db';
import { clientIp } from '@/lib/http/client-ip';
import { route } from '@/lib/http/route';
import { RULES } from '@/lib/ratelimit';

/** First-run setup: creates the first admin and signs them in; 409 once any user exists. */
export const POST = route(
  {
    auth: 'public',
    sameOrigin: true,
    body: setupInput,
    maxBodyBytes: 4096,
    rateLimit: { rule: RULES.signInPerIp, key: (req) => `setup:ip:${clientIp(req)}` },
  },
  async ({ req, body }) => {
    const user = await completeSetup(getAuth(originOf(req.headers)), getDb(), 'setup', body);
    return signInAfterSetup(req, user.email, body.password, user);
  },
);
