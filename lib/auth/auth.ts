/**
 * Sign-in, sessions and users, through better-auth on our own Prisma client. Sign-up is closed:
 * users are created by an admin, the first-run setup or the CLI. Its own rate limiter is off:
 * sign-in is limited by lib/ratelimit per account and per IP, shared through Redis.
 */
import { prismaAdapter } from '@better-auth/prisma-adapter';
import { betterAuth } from 'better-auth';
import { admin } from 'better-auth/plugins/admin';
import { adminAc, userAc } from 'better-auth/plugins/admin/access';
import type { Db } from '../db/client';
import type { DbProvider } from '../db/url';
import { CLIENT_IP_HEADER } from '../http/client-ip';

export const ROLES = ['admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export type AuthOptions = {
  provider: DbProvider;
  secret: string;
  /** Where the app is reached, e.g. http://localhost:3000; sign-in requests must come from it. */
  baseURL: string;
  trustedOrigins?: string[];
};

export function createAuth(db: Db, options: AuthOptions) {
  return betterAuth({
    database: prismaAdapter(db, { provider: options.provider }),
    secret: options.secret,
    baseURL: options.baseURL,
    trustedOrigins: options.trustedOrigins,
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
    },
    plugins: [
      admin({
        defaultRole: 'viewer',
        adminRoles: ['admin'],
        // Account administration is for admins only; members and viewers differ in Observatory's own checks.
        roles: { admin: adminAc, member: userAc, viewer: userAc },
      }),
    ],
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: {
      cookiePrefix: 'observatory',
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
