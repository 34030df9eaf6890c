'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Permission } from '@/lib/auth/permissions';
import { ActionButton } from '../ui/ActionButton';
import { errorText } from '@/lib/form-errors';
import { Button, FormError } from '../ui/Form';

type ConfirmProps = {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  /** The failed attempt, shown in plain words. */
  error: unknown;
  /** Rejects to keep the dialog open; the caller shows the error through `error`. */
  onConfirm: () => Promise<unknown>;
};

/**
 * A modal question before something that cannot be undone. The native <dialog> traps focus,
 * closes on Escape and returns focus to the button that opened it.
 */
export function ConfirmDialog({ open, onClose, ...props }: ConfirmProps & { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  async function confirm() {
    try {
      await props.onConfirm();
      onClose();
    } catch {
      // The error is on screen through props.error; the question stays open to retry or cancel.
    }
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-xl border border-border bg-surface p-5 text-fg shadow-xl backdrop:bg-black/50"
    >
      <h2 id={titleId} className="text-base font-semibold text-fg">
        {props.title}
      </h2>
      <div className="mt-2 space-y-2 text-sm text-fg-muted">{props.children}</div>
      {props.error !== null && props.error !== undefined && (
        <div className="mt-4">
          <FormError message={errorText(props.error)} />
        </div>
      )}
      <div className="mt-4 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" onClick={confirm} disabled={props.pending}>
          {props.pending ? 'Working…' : props.confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}

/**
 * A danger button that asks first, for a change that needs `permission` (lib/hooks/useCan.ts).
 * `onOpen` clears a previous attempt's error.
 */
export function ConfirmAction({
  trigger,
  triggerLabel,
  permission,
  onOpen,
  ...props
}: ConfirmProps & { trigger: ReactNode; triggerLabel?: string; permission: Permission; onOpen?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <ActionButton
        permission={permission}
        variant="danger"
        aria-label={triggerLabel}
        onClick={() => {
          onOpen?.();
          setOpen(true);
        }}
      >
        {trigger}
      </ActionButton>
      <ConfirmDialog {...props} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
