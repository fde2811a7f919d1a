// Settling one difference of a reconciliation: a reason of at least 5 letters (checked here
// before sending, and again by the server: 400), sent to POST …/lines/{line}/resolution. The
// reason field takes the focus when it opens; a refusal is shown in the server's words.

import { useEffect, useRef, useState } from 'preact/hooks';
import { resolveInvoiceLine, type InvoiceLine } from '../../lib/billsApi';
import { useI18n } from '../../lib/i18n';
import { failureText } from '../verval/logic';
import { reasonLongEnough } from './logic';

interface Props {
  regencyCode: string;
  invoiceId: number;
  line: number;
  onCancel: () => void;
  onResolved: (line: InvoiceLine) => void;
}

export function ResolveLine({ regencyCode, invoiceId, line, onCancel, onResolved }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const id = `resolve-${line}`;

  async function submit(event: Event) {
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
      onResolved(await resolveInvoiceLine(regencyCode, invoiceId, line, reason.trim()));
    } catch (caught) {
      setError(t('recon.resolve.refused', { detail: failureText(caught, t('state.network')) }));
      setBusy(false);
    }
  }

  return (
    <form class="bills-resolve" onSubmit={submit} noValidate data-testid="resolve-form" data-line={line}>
      <div class="field field-wide">
        <label for={id}>{t('recon.resolve.reason', { line })}</label>
        <textarea
          id={id}
          ref={field}
          rows={2}
          value={reason}
          onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`${id}-hint ${id}-error`}
          data-testid="resolve-reason"
        />
        <p class="hint" id={`${id}-hint`}>
          {t('recon.resolve.hint')}
        </p>
        <p class="field-error" id={`${id}-error`} role="alert" data-testid="resolve-error">
          {error}
        </p>
      </div>
      <div class="bills-form-row">
        <button type="submit" class="button" disabled={busy} data-testid="resolve-submit">
          {busy ? t('recon.resolve.busy') : t('recon.resolve.submit')}
        </button>
        <button type="button" class="button button-quiet" onClick={onCancel} data-testid="resolve-cancel">
          {t('recon.resolve.cancel')}
        </button>
      </div>
    </form>
  );
}
