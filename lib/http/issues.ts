import type { z } from 'zod';

const MAX_REPORTED_ISSUES = 20;

/** zod issues as `{ path, message }`, the first few only: enough to fix the request. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
