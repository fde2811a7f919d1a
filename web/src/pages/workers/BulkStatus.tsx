// The status change of the selected rows (edit_workers): a new status and a reason, which the
// server requires and keeps in the audit trail. An empty reason is refused here first, with the
// focus back on its field.

import { useRef, useState } from 'preact/hooks';
import { ApiError, setWorkersStatus, WORKER_STATUSES, type WorkerStatus } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useI18n, type MessageKey } from '../../lib/i18n';

interface Props {
  regencyCode: string;
  ids: number[];
  onDone: (changed: number) => void;
  onClear: () => void;
}

export function BulkStatus({ regencyCode, ids, onDone, onClear }: Props) {
  const { lang, t } = useI18n();
  const [status, setStatus] = useState<WorkerStatus>('ditangguhkan');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (reason.trim() === '') {
      setError(t('workers.bulkReasonRequired'));
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      onDone(await setWorkersStatus(regencyCode, ids, status, reason.trim()));
      setReason('');
    } catch (caught) {
      setError(t('workers.bulkFailed', { detail: caught instanceof ApiError && caught.status === 0 ? t('state.network') : caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="bulk" onSubmit={submit} data-testid="bulk" noValidate>
      <p class="bulk-title">{t('workers.bulkTitle', { count: formatNumber(ids.length, lang) })}</p>
      <div class="field">
        <label for="bulk-status">{t('workers.bulkStatus')}</label>
        <select id="bulk-status" data-testid="bulk-status" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value as WorkerStatus)}>
          {WORKER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div class="field field-wide">
        <label for="bulk-reason">{t('field.reason')}</label>
        <input
          id="bulk-reason"
          ref={reasonRef}
          value={reason}
          required
          aria-invalid={error !== '' && reason.trim() === ''}
          aria-describedby="bulk-error"
          data-testid="bulk-reason"
          onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <button type="submit" class="button" disabled={busy} data-testid="bulk-submit">
        {t('workers.bulkSubmit')}
      </button>
      <button type="button" class="button button-secondary" onClick={onClear}>
        {t('workers.bulkClear')}
      </button>
      <p id="bulk-error" class="field-error" role="alert">
        {error}
      </p>
    </form>
  );
}
