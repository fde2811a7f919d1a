// The workflow moves of a case the session may make (logic.ts movesFor: manage_claims prepares
// and submits, decide_claims records the branch's approval, rejection and payment); a move that
// needs a reason, an amount or the payment's date and reference opens its small form first. The
// server judges every move (a dossier not complete, a date out of range…) and its refusal is shown.

import { useEffect, useState } from 'preact/hooks';
import { DateField } from '../../components/DateField';
import { moveClaim, type Claim, type TransitionInput } from '../../lib/claimsApi';
import { formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { todayInJakarta } from '../../lib/period';
import { codeKey, reasonLongEnough } from '../bills/logic';
import { TextField } from '../programs/Field';
import { failureText } from '../verval/logic';
import { movesFor, parseRupiah, type Move } from './logic';

interface Props {
  claim: Claim;
  regencyCode: string;
  permissions: readonly string[];
  onChange: (claim: Claim) => void;
}

export function WorkflowPanel({ claim, regencyCode, permissions, onChange }: Props) {
  const { t } = useI18n();
  const moves = movesFor(claim.state, permissions);
  const [open, setOpen] = useState<Move | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const closed = claim.state === 'paid' || claim.state === 'rejected';
  // A refusal is about the case as it was: once the case changes (a paper added), it goes.
  useEffect(() => setOutcome((old) => (old?.ok ? old : null)), [claim]);

  async function send(input: TransitionInput) {
    setBusy(true);
    setOutcome(null);
    try {
      const next = await moveClaim(regencyCode, claim.id, input);
      const state = codeKey('claim.state.', next.state);
      setOutcome({ ok: true, text: t('claim.flow.done', { state: state ? t(state) : next.state_label }) });
      setOpen(null);
      onChange(next);
    } catch (caught) {
      setOutcome({ ok: false, text: t('claim.flow.refused', { detail: failureText(caught, t('state.network')) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel claim-flow" aria-labelledby="flow-title" data-testid="workflow">
      <header class="panel-head">
        <h2 id="flow-title">{t('claim.flow.title')}</h2>
      </header>
      {moves.length === 0 && <p class="muted">{closed ? t('claim.flow.closed') : t('claim.flow.none')}</p>}
      {moves.length > 0 && !open && (
        <div class="claims-form-row">
          {moves.map((m) => (
            <button
              key={m.to}
              type="button"
              class={m.to === 'reported' || m.to === 'rejected' ? 'button button-secondary' : 'button'}
              disabled={busy}
              data-testid={`move-${m.to}`}
              onClick={() => (m.needs === 'nothing' ? void send({ to: m.to }) : setOpen(m))}
            >
              {t(`claim.flow.move.${m.to}`)}
            </button>
          ))}
        </div>
      )}
      {open && <MoveForm move={open} claim={claim} busy={busy} onSend={send} onCancel={() => setOpen(null)} />}
      <p class={outcome?.ok ? 'notice' : 'form-summary'} role="status" data-testid="flow-outcome" data-ok={outcome ? String(outcome.ok) : undefined}>
        {outcome?.text}
      </p>
    </section>
  );
}

function MoveForm({ move, claim, busy, onSend, onCancel }: { move: Move; claim: Claim; busy: boolean; onSend: (input: TransitionInput) => Promise<void>; onCancel: () => void }) {
  const { t } = useI18n();
  const start = move.to === 'paid' && claim.approved_amount > 0 ? claim.approved_amount : claim.expected_total;
  const [note, setNote] = useState('');
  const [amount, setAmount] = useState(start > 0 ? formatRupiah(start).replace('\u00a0', ' ') : '');
  const [paidOn, setPaidOn] = useState(todayInJakarta());
  const [reference, setReference] = useState('');
  const [error, setError] = useState('');
  const label = t(`claim.flow.move.${move.to}`);

  function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (move.needs === 'reason') {
      if (!reasonLongEnough(note)) {
        setError(t('claim.flow.reasonHint'));
        return;
      }
      void onSend({ to: move.to, note: note.trim() });
      return;
    }
    const value = parseRupiah(amount);
    if (value === null) {
      setError(t('claim.flow.badAmount'));
      return;
    }
    setError('');
    if (move.needs === 'amount') void onSend({ to: move.to, amount: value });
    else void onSend({ to: move.to, amount: value, paid_on: paidOn, reference: reference.trim() });
  }

  return (
    <form class="claims-form" onSubmit={submit} noValidate data-testid={`move-form-${move.to}`}>
      {move.needs === 'reason' && (
        <div class="field field-wide">
          <label for="move-note">{t('claim.flow.reason')}</label>
          <textarea id="move-note" rows={2} value={note} data-testid="move-note" aria-describedby="move-note-hint" onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />
          <p class="hint" id="move-note-hint">
            {t('claim.flow.reasonHint')}
          </p>
        </div>
      )}
      {(move.needs === 'amount' || move.needs === 'payment') && (
        <TextField id="move-amount" label={t('claim.flow.amount')} hint={t('claim.flow.amountHint')} value={amount} onInput={setAmount} maxLength={30} />
      )}
      {move.needs === 'payment' && (
        <>
          <DateField id="move-paid-on" legend={t('claim.flow.paidOn')} value={paidOn} onChange={setPaidOn} />
          <TextField id="move-reference" label={t('claim.flow.reference')} value={reference} onInput={setReference} maxLength={120} />
        </>
      )}
      <div class="claims-form-row">
        <button type="submit" class="button" disabled={busy} data-testid="move-confirm">
          {busy ? t('claim.flow.busy') : t('claim.flow.confirm', { move: label })}
        </button>
        <button type="button" class="button button-quiet button-secondary" onClick={onCancel} data-testid="move-cancel">
          {t('claim.flow.cancel')}
        </button>
      </div>
      <p class="field-error" role="alert" data-testid="move-error">
        {error}
      </p>
    </form>
  );
}
