/**
 * Runs before every request (the Next.js 16 successor to middleware): security headers on
 * every response, and the CSP nonce handed to the page renderer through request headers.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { createNonce, securityHeaders } from '@/lib/security/headers';

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const headers = securityHeaders(nonce, {
    dev: process.env.NODE_ENV === 'development',
    hsts: process.env.NODE_ENV === 'production',
    embeddable: request.nextUrl.pathname.startsWith('/share/'),
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  // Pages that need a signed-in user send visitors to sign in and back to where they were going.
  requestHeaders.set('x-pathname', request.nextUrl.pathname + request.nextUrl.search);
  // Next.js reads the policy from the request to put the nonce on its own scripts.
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static assets are immutable files, not documents: they need no per-request work. Nor do
  // browser beacons, one per page view of every tracked site: the proxy step is about half of
  // such a request's cost (bench/vitals-http.ts), and their answers carry fixed security headers
  // of their own (lib/security/headers.ts beaconSecurityHeaders). The benchmark's baseline for
  // them is left out alike.
  matcher: [{ source: '/((?!_next/static|_next/image|icon.svg|favicon.ico|api/v1/vitals|api/bench/beacon-noop).*)' }],
};
