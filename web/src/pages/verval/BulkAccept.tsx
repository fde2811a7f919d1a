// Accepting a filtered group at once: every open finding of the kind (and, when filtered, of the
// action), after a confirmation that states how many findings and what accepting them does, with
// the reason the audit keeps. The count is read when the dialog opens; the server decides the
// open findings of the group at that moment and says how many it decided.

import { useState } from 'preact/hooks';
import { formatNumber } from '../../lib/format';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { countFindings, decideFindings } from '../../lib/vervalApi';
import { ConfirmDialog } from './ConfirmDialog';
import { failureText, kindKey, proposalKey, proposalOfKind } from './logic';

interface Props {
  regencyCode: string;
  period: string;
  kind: string;
  action: string;
  /** Open findings of the kind (the month's counts), the count when no action filter applies. */
  openOfKind: number;
  onDone: (decided: number) => void;
}

type Dialog = { state: 'closed' } | { state: 'counting' } | { state: 'open'; count: number };

export function BulkAccept({ regencyCode, period, kind, action, openOfKind, onDone }: Props) {
  const { lang, t } = useI18n();
  const [dialog, setDialog] = useState<Dialog>({ state: 'closed' });
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const key = kindKey(kind);
  const kindLabel = key ? t(key) : kind;
  const n = (v: number) => formatNumber(v, lang);
  const problem = (caught: unknown) =>
    failureText(caught, t('state.network'));

  async function open() {
    setError('');
    setReason('');
    if (!action) {
      setDialog({ state: 'open', count: openOfKind });
      return;
    }
    setDialog({ state: 'counting' });
    try {
      setDialog({ state: 'open', count: await countFindings(regencyCode, { period, kind, action, state: 'open' }) });
    } catch (caught) {
      setDialog({ state: 'open', count: 0 });
      setError(problem(caught));
    }
  }

  async function confirm() {
    if (reason.trim() === '') {
      setError(t('verval.decision.reasonRequired'));
      document.getElementById('bulk-reason')?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      const decided = await decideFindings(regencyCode, {
        period,
        kind,
        ...(action ? { action } : {}),
        verdict: 'accept',
        reason: reason.trim(),
      });
      setDialog({ state: 'closed' });
      onDone(decided);
    } catch (caught) {
      setError(problem(caught));
    } finally {
      setBusy(false);
    }
  }

  const proposal = proposalKey(proposalOfKind(kind));
  return (
    <>
      <button
        type="button"
        class="button button-secondary verval-bulk-button"
        disabled={dialog.state === 'counting'}
        data-testid="bulk-accept"
        onClick={open}
      >
        {t(action ? 'verval.bulk.buttonAction' : 'verval.bulk.button', {
          kind: kindLabel,
          action: action ? t(`verval.action.${action}` as MessageKey).toLowerCase() : '',
        })}
      </button>
      {dialog.state === 'open' && (
        <ConfirmDialog
          id="bulk-dialog"
          title={t('verval.bulk.title', { kind: kindLabel })}
          confirmLabel={t('verval.bulk.confirm', { count: n(dialog.count) })}
          busy={busy}
          canConfirm={dialog.count > 0}
          error={error}
          onConfirm={confirm}
          onCancel={() => setDialog({ state: 'closed' })}
        >
          <p data-testid="bulk-count" data-count={dialog.count}>
            {t(action ? 'verval.bulk.textAction' : 'verval.bulk.text', {
              count: n(dialog.count),
              kind: kindLabel,
              action: action ? t(`verval.action.${action}` as MessageKey).toLowerCase() : '',
            })}
          </p>
          {proposal && <p>{t('verval.bulk.effect', { effect: t(proposal).toLowerCase() })}</p>}
          <div class="field">
            <label for="bulk-reason">
              {t('field.reason')} <span class="muted">({t('verval.required')})</span>
            </label>
            <input
              id="bulk-reason"
              value={reason}
              required
              autoComplete="off"
              aria-invalid={error !== '' && reason.trim() === ''}
              data-testid="bulk-reason"
              onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)}
            />
          </div>
        </ConfirmDialog>
      )}
    </>
  );
}
