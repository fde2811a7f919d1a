// A small form that asks why before an action that stays on record: settling a difference of a
// reconciliation (POST …/lines/{line}/resolution) or revoking a card (POST …/revocation). The
// reason needs at least 5 letters (checked here before sending, and again by the server: 400);
// the field takes the focus when it opens; a refusal is shown in the server's words.

import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n';
import { failureText } from '../verval/logic';
import { reasonLongEnough } from './logic';

interface Props {
  /** Prefix of the element ids: `${id}`, `${id}-hint`, `${id}-error`. */
  id: string;
  label: string;
  hint: string;
  submit: string;
  /** Sends the reason; throws the server's refusal. */
  onSubmit: (reason: string) => Promise<void>;
  onCancel: () => void;
  testid: string;
}

export function ReasonForm({ id, label, hint, submit, onSubmit, onCancel, testid }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  async function send(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!reasonLongEnough(reason)) {
      setError(t('recon.resolve.short'));
      field.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      await onSubmit(reason.trim());
    } catch (caught) {
      setError(t('recon.resolve.refused', { detail: failureText(caught, t('state.network')) }));
      setBusy(false);
    }
  }

  return (
    <form class="bills-resolve" onSubmit={send} noValidate data-testid={testid}>
      <div class="field field-wide">
        <label for={id}>{label}</label>
        <textarea
          id={id}
          ref={field}
          rows={2}
          value={reason}
          onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`${id}-hint ${id}-error`}
          data-testid={`${testid}-reason`}
        />
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
        <p class="field-error" id={`${id}-error`} role="alert" data-testid={`${testid}-error`}>
          {error}
        </p>
      </div>
      <div class="bills-form-row">
        <button type="submit" class="button" disabled={busy} data-testid={`${testid}-submit`}>
          {busy ? t('recon.resolve.busy') : submit}
        </button>
        <button type="button" class="button button-quiet" onClick={onCancel} data-testid={`${testid}-cancel`}>
          {t('recon.resolve.cancel')}
        </button>
      </div>
    </form>
  );
}
