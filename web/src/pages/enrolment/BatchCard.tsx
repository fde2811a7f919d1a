// One enrolment batch: its month, status in words (dibuat / disetujui / dijawab) and reference,
// how its persons were chosen from the settled list (the figures add up, and a priority rule
// the registry cannot apply yet is said so), how the branch answered them, who created and who
// approved it; the approval for those who decide (the server's refusal shown beside it, the
// batch then read again), and the download of its BPJS file for those who manage enrolment.

import { useState } from 'preact/hooks';
import { formatDateTime, formatMonth } from '../../lib/format';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { approveBatch, batchFileUrl, type Batch } from '../../lib/enrolmentApi';
import { failureText } from '../verval/logic';
import { Figures, type Figure } from './Figures';
import { batchStatusKey, countsAddUp, memberStateKey, priorityDataKey, priorityNameKey, waitingForAnswer } from './logic';

interface Props {
  regencyCode: string;
  batch: Batch;
  canDecide: boolean;
  canManage: boolean;
  onApproved: (batch: Batch) => void;
  /** After a refusal: the batch may have changed meanwhile (approved in another window). */
  onRefused: () => void;
}

export function BatchCard({ regencyCode, batch, canDecide, canManage, onApproved, onRefused }: Props) {
  const { lang, t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState('');
  const month = formatMonth(batch.period, lang);
  const when = (iso: string) => formatDateTime(iso, lang);
  const c = batch.counts;
  const word = (key: MessageKey | null, code: string) => (key ? t(key) : code);
  const ruleName = (code: string) => word(priorityNameKey(code), code);

  const selection: Figure[] = [
    { key: 'settled', label: t('enrol.sel.settled'), value: c.settled },
    { key: 'ineligible', label: t('enrol.sel.ineligible'), value: c.ineligible },
    { key: 'already', label: t('enrol.sel.already'), value: c.already },
    { key: 'eligible', label: t('enrol.sel.eligible'), value: c.eligible },
    { key: 'selected', label: t('enrol.sel.selected'), value: c.selected, tone: 'main' },
    { key: 'waiting', label: t('enrol.sel.waiting'), value: c.waiting, tone: 'warn' },
  ];
  const states = batch.states;
  const answers: Figure[] = states
    ? (['matched', 'name_differs', 'rejected', 'sent'] as const).map((state) => ({
        key: state,
        label: word(memberStateKey(state), state),
        value: state === 'sent' ? waitingForAnswer(states) : (states[state] ?? 0),
        tone: state === 'matched' ? ('main' as const) : state === 'sent' ? undefined : ('warn' as const),
      }))
    : [];

  async function approve() {
    if (busy) return;
    setBusy(true);
    setRefusal('');
    try {
      onApproved(await approveBatch(regencyCode, batch.id));
    } catch (caught) {
      setRefusal(t('enrol.batch.approveRefused', { detail: failureText(caught, t('state.network')) }));
      onRefused();
    } finally {
      setBusy(false);
    }
  }

  const titleId = `batch-${batch.id}-title`;
  return (
    <article class="enrol-batch" aria-labelledby={titleId} data-testid="batch" data-batch={batch.id} data-status={batch.status} data-period={batch.period}>
      <header class="enrol-batch-head">
        <h3 id={titleId}>{t('enrol.batch.title', { id: batch.id, month })}</h3>
        <span class={`enrol-status enrol-status-${batch.status}`} data-testid="batch-status">
          {word(batchStatusKey(batch.status), batch.status)}
        </span>
        <span class="enrol-ref">
          {t('enrol.batch.reference')} <code data-testid="batch-reference">{batch.reference}</code>
        </span>
      </header>
      <div class="enrol-batch-grid">
        <section aria-labelledby={`${titleId}-sel`}>
          <h4 id={`${titleId}-sel`}>{t('enrol.batch.selection', { month })}</h4>
          <Figures items={selection} prefix="sel" />
          {!countsAddUp(c) && (
            <p class="form-summary" data-testid="counts-off">
              {t('enrol.batch.countsOff')}
            </p>
          )}
          {c.priority.length > 0 && <p class="hint">{t('enrol.sel.priority', { rules: c.priority.map(ruleName).join(' → ') })}</p>}
          {c.priority_without_data.map((code) => (
            <p key={code} class="enrol-note" data-testid="priority-missing" data-code={code}>
              {t('enrol.sel.priorityMissing', {
                rule: ruleName(code),
                data: word(priorityDataKey(code), t('enrol.priorityData.unknown')),
              })}
            </p>
          ))}
        </section>
        <section aria-labelledby={`${titleId}-ans`}>
          <h4 id={`${titleId}-ans`}>{t('enrol.batch.answers')}</h4>
          {answers.length > 0 && <Figures items={answers} prefix="state" />}
          {!batch.answered_at && <p class="hint">{t('enrol.batch.noAnswerYet')}</p>}
        </section>
      </div>
      <p class="enrol-who" data-testid="batch-who">
        <span data-testid="batch-created">{t('enrol.batch.created', { actor: batch.actor, when: when(batch.created_at) })}</span>{' '}
        <span data-testid="batch-approved">
          {batch.approved_by && batch.approved_at
            ? t('enrol.batch.approved', { actor: batch.approved_by, when: when(batch.approved_at) })
            : t('enrol.batch.notApproved')}
        </span>
        {batch.answered_at && <> {t('enrol.batch.answered', { when: when(batch.answered_at) })}</>}
      </p>
      {((canDecide && batch.status === 'created') || canManage) && (
        <div class="enrol-actions">
          {canDecide && batch.status === 'created' && (
            <button type="button" class="button" disabled={busy} onClick={approve} aria-describedby={`${titleId}-approve-hint`} data-testid="approve">
              {busy ? t('enrol.batch.approving') : t('enrol.batch.approve', { id: batch.id })}
            </button>
          )}
          {canManage && (
            <a class="button button-secondary" href={batchFileUrl(regencyCode, batch.id)} download data-testid="batch-file">
              {t('enrol.batch.download')}
            </a>
          )}
          {canDecide && batch.status === 'created' && (
            <p class="hint" id={`${titleId}-approve-hint`}>
              {t('enrol.batch.approveHint')}
            </p>
          )}
          {canManage && batch.status === 'created' && <p class="hint">{t('enrol.batch.downloadDraft')}</p>}
        </div>
      )}
      <p class="field-error" role="alert" data-testid="approve-refusal">
        {refusal}
      </p>
    </article>
  );
}
