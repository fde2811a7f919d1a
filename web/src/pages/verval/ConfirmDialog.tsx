// A modal confirmation on the native <dialog> (focus is kept inside, Escape cancels, the page
// behind is inert), used before decisions that act on many records at once or cannot be undone:
// bulk accept, settling a month. The caller's form fields go inside as children.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../../lib/i18n';

interface Props {
  id: string;
  title: string;
  confirmLabel: string;
  busy: boolean;
  /** False keeps the confirm button off (nothing to do); cancelling stays possible. */
  canConfirm?: boolean;
  error: string;
  onConfirm: () => void;
  onCancel: () => void;
  children: ComponentChildren;
}

export function ConfirmDialog({ id, title, confirmLabel, busy, canConfirm = true, error, onConfirm, onCancel, children }: Props) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      class="verval-dialog"
      aria-labelledby={`${id}-title`}
      data-testid={id}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <form
        method="dialog"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && canConfirm) onConfirm();
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        <p class="field-error" role="alert" data-testid={`${id}-error`}>
          {error}
        </p>
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy || !canConfirm} data-testid={`${id}-confirm`}>
            {confirmLabel}
          </button>
          <button type="button" class="button button-secondary" disabled={busy} onClick={onCancel}>
            {t('verval.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
