import { signIn, signInInput } from '@/lib/auth/signin';
import { route } from '@/lib/http/route';

/** Email and password sign-in; limits per account and per IP live in signIn. */
export const POST = route(
  { auth: 'public', sameOrigin: true, body: signInInput, maxBodyBytes: 4096 },
  ({ req, body }) => signIn(req, body),
);
