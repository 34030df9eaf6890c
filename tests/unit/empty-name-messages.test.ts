/**
 * An empty or blank required text is reported once, as empty: not also as containing control
 * characters (which a form would show as the reason an empty name was refused).
 */
import { describe, expect, it } from 'vitest';
import { newUser } from '@/lib/auth/users';
import { keyName, projectName } from '@/lib/projects/validation';
import { shareName } from '@/lib/shares/store';

describe('empty names', () => {
  it.each([
    ['project name', projectName],
    ['key name', keyName],
    ['share link name', shareName],
  ])('a blank %s is only "must not be empty"', (what, schema) => {
    for (const input of ['', '   ']) {
      const issues = schema.safeParse(input).error?.issues.map((i) => i.message);
      expect(issues).toEqual([`${what} must not be empty`]);
    }
    expect(schema.safeParse('bell\u0007').error?.issues.map((i) => i.message)).toEqual([
      `${what} must not contain control characters`,
    ]);
  });

  it('a user with an empty name and email is told both are empty', () => {
    const issues = newUser.safeParse({ email: ' ', name: '', password: 'x'.repeat(12), role: 'viewer' }).error?.issues;
    expect(issues?.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'email: email must not be empty',
      'name: name must not be empty',
    ]);
  });
});
