'use client';

import type { ComponentProps } from 'react';
import type { Permission } from '@/lib/auth/permissions';
import { useDenied } from '@/lib/hooks/useCan';
import { Button } from './Form';

/**
 * A button for a change that needs `permission`. Without it the button stays in place, so the
 * user sees that the action exists, but is disabled with the reason as its description
 * (aria-disabled rather than disabled keeps it focusable, and the tooltip shows on hover).
 */
export function ActionButton({ permission, ...props }: ComponentProps<typeof Button> & { permission: Permission }) {
  const denied = useDenied(permission);
  if (!denied) return <Button {...props} />;
  return (
    <Button
      {...props}
      type="button"
      onClick={undefined}
      aria-disabled
      title={denied}
      className={`cursor-not-allowed opacity-60 ${props.className ?? ''}`}
    />
  );
}
