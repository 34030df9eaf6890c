/**
 * Sign-in and sign-out through better-auth, with Observatory's own limits and answers:
 * failed attempts are limited per account and per IP (shared through Redis), only failures
 * count (a success gives its tokens back), and responses carry the session cookie but never
 * the session token in the body.
 */
import 'server-only';
import { z } from 'zod';
import { recordAudit } from '../audit/store';
import { getDb } from '../db';
import { ApiError } from '../http/errors';
import { clientIp } from '../http/client-ip';
import { takeOrRefuse } from '../http/route';
import { getRateLimiter, RULES } from '../ratelimit';
import { getAuth, originOf } from '.';
import { PASSWORD_MAX } from './auth';

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().min(1, 'email must not be empty').max(254, 'email is too long'),
  password: z.string().min(1, 'password must not be empty').max(PASSWORD_MAX, 'password is too long'),
  rememberMe: z.boolean().optional(),
});

type SessionUser = { id: string; email: string; name: string; role?: string | null };

/** Copies better-auth's Set-Cookie headers onto our own JSON answer. */
function withCookies(from: Response, body: unknown, status = 200): Response {
  const res = Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
  for (const cookie of from.headers.getSetCookie()) res.headers.append('Set-Cookie', cookie);
  return res;
}

function userView(user: SessionUser) {
  return { id: user.id, email: user.email, name: user.name, role: user.role ?? 'viewer' };
}

/** Signs in with email and password; 401 for wrong credentials, 429 after too many failures. */
export async function signIn(req: Request, input: z.output<typeof signInInput>): Promise<Response> {
  const limiter = getRateLimiter();
  const buckets = [
    { key: `signin:ip:${clientIp(req)}`, rule: RULES.signInPerIp },
    { key: `signin:account:${input.email}`, rule: RULES.signInPerAccount },
  ];
  for (const { key, rule } of buckets) await takeOrRefuse(key, rule, limiter);

  const auth = getAuth(originOf(req.headers));
  const res = await auth.api.signInEmail({ body: input, headers: req.headers, asResponse: true });
  if (!res.ok) {
    if (res.status === 401 || res.status === 400) {
      throw new ApiError(401, 'invalid_credentials', 'wrong email or password');
    }
    if (res.status === 403) throw new ApiError(403, 'forbidden', 'this account cannot sign in');
    throw new Error(`sign-in failed with status ${res.status}`);
  }
  // Only failures count against the limits: a success gives its tokens back.
  await Promise.all(buckets.map(({ key, rule }) => limiter.take(key, rule, -1)));
  const { user } = (await res.json()) as { user: SessionUser };
  await recordAudit(getDb(), { actor: `user:${user.email}`, action: 'user.sign-in', target: `user:${user.id}` });
  return withCookies(res, { user: userView(user) });
}

export async function signOut(req: Request): Promise<Response> {
  const auth = getAuth(originOf(req.headers));
  const res = await auth.api.signOut({ headers: req.headers, asResponse: true });
  return withCookies(res, { signedOut: true });
}

/** Signs in the admin the first-run setup just created, so setup ends on the dashboard. */
export async function signInAfterSetup(req: Request, email: string, password: string, user: SessionUser) {
  const auth = getAuth(originOf(req.headers));
  const res = await auth.api.signInEmail({ body: { email, password }, headers: req.headers, asResponse: true });
  return withCookies(res, { user: userView(user) }, 201);
}
