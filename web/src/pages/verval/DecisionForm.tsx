// The decision on one open finding: accept (for a cluster, duplicate or nik_conflict: merge, into
// the record the verifier chooses, the proposed survivor first), reject or defer, with a reason the server requires and
// audits. The verdict comes from the radios or the queue's keys (a, r, d), which also put the
// focus in the reason box; Enter saves.

import { useRef, useState } from 'preact/hooks';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { decideFindings, type Finding, type Verdict } from '../../lib/vervalApi';
import { failureText, isClusterKind, survivorOf, type Column } from './logic';

const VERDICTS: { verdict: Verdict; key: string; state: string }[] = [
  { verdict: 'accept', key: 'a', state: 'accepted' },
  { verdict: 'reject', key: 'r', state: 'rejected' },
  { verdict: 'defer', key: 'd', state: 'deferred' },
];

interface Props {
  regencyCode: string;
  finding: Finding;
  columns: Column[];
  verdict: Verdict | null;
  onVerdict: (verdict: Verdict) => void;
  onDecided: (state: string) => void;
}

export function DecisionForm({ regencyCode, finding, columns, verdict, onVerdict, onDecided }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [survivor, setSurvivor] = useState(survivorOf(finding));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLInputElement>(null);
  const cluster = isClusterKind(finding.kind);
  const workers = columns.flatMap((c) => (c.type === 'worker' ? [c.record] : []));

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!verdict) {
      setError(t('verval.decision.chooseVerdict'));
      document.getElementById('verdict-accept')?.focus();
      return;
    }
    if (reason.trim() === '') {
      setError(t('verval.decision.reasonRequired'));
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      await decideFindings(regencyCode, {
        period: finding.period,
        finding_id: finding.id,
        verdict,
        reason: reason.trim(),
        ...(cluster && verdict === 'accept' ? { survivor } : {}),
      });
      onDecided(VERDICTS.find((v) => v.verdict === verdict)?.state ?? 'open');
    } catch (caught) {
      setError(failureText(caught, t('state.network')));
      setBusy(false);
    }
  }

  const acceptLabel = cluster ? t('verval.verdict.merge') : t('verval.verdict.accept');
  return (
    <form class="verval-decision" onSubmit={submit} noValidate data-testid="decision-form">
      <fieldset class="verval-verdicts">
        <legend>{t('verval.decision.title')}</legend>
        {VERDICTS.map((v) => (
          <label key={v.verdict} class="verval-verdict">
            <input
              type="radio"
              name="verdict"
              id={`verdict-${v.verdict}`}
              value={v.verdict}
              checked={verdict === v.verdict}
              data-testid={`verdict-${v.verdict}`}
              onChange={() => onVerdict(v.verdict)}
            />
            {v.verdict === 'accept' ? acceptLabel : t(`verval.verdict.${v.verdict}` as MessageKey)} <kbd aria-hidden="true">{v.key}</kbd>
          </label>
        ))}
      </fieldset>
      {cluster && verdict === 'accept' && workers.length > 1 && (
        <fieldset class="verval-survivors" data-testid="survivor-choice">
          <legend>{t('verval.decision.mergeInto')}</legend>
          {workers.map((w) => (
            <label key={w.id} class="verval-verdict">
              <input type="radio" name="survivor" value={String(w.id)} checked={survivor === w.id} onChange={() => setSurvivor(w.id)} />
              {t('verval.decision.survivorOption', { name: w.name_original || w.name, id: w.id })}
              {w.id === survivorOf(finding) && <span class="verval-tag">{t('verval.decision.proposed')}</span>}
            </label>
          ))}
        </fieldset>
      )}
      <div class="field verval-reason">
        <label for="decision-reason">
          {t('field.reason')} <span class="muted">({t('verval.required')})</span>
        </label>
        <input
          id="decision-reason"
          ref={reasonRef}
          value={reason}
          required
          autoComplete="off"
          aria-invalid={error !== '' && reason.trim() === ''}
          aria-describedby="decision-error"
          data-testid="decision-reason"
          onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy} data-testid="decision-submit">
          {t('verval.decision.save')}
        </button>
      </div>
      <p id="decision-error" class="field-error" role="alert" data-testid="decision-error">
        {error}
      </p>
    </form>
  );
}
